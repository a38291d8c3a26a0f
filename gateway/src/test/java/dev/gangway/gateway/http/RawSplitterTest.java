package dev.gangway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.transcoder.errors.TranscodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawSplitterTest {
  /** Records what the splitter sends. */
  private static final class Recorder implements BodySplitter.Sink {
    final List<String> sent = new ArrayList<>();
    final List<byte[]> bodies = new ArrayList<>();

    @Override
    public boolean send(String where, String contentType, byte[] body) {
      sent.add(where + " " + contentType + " " + body.length);
      bodies.add(body);
      return true;
    }

    @Override
    public boolean fail(TranscodingException error) {
      throw new AssertionError(error);
    }
  }

  @Test
  void eachReadIsOneMessageWithTheRequestContentType() {
    RawSplitter splitter = new RawSplitter("text/csv");
    Recorder sink = new Recorder();

    assertThat(splitter.take(new byte[10], sink)).isTrue();
    assertThat(splitter.take(new byte[0], sink)).isTrue();
    assertThat(splitter.take(new byte[3], sink)).isTrue();
    assertThat(splitter.end(sink)).isTrue();

    assertThat(sink.sent).containsExactly("message 1 text/csv 10", "message 2 text/csv 3");
  }

  @Test
  void readLargerThan64KiBIsSplitInOrder() {
    byte[] read = new byte[(64 << 10) * 2 + 5];
    for (int i = 0; i < read.length; i++) {
      read[i] = (byte) (i * 31);
    }
    Recorder sink = new Recorder();

    new RawSplitter("").take(read, sink);

    assertThat(sink.sent).containsExactly(
        "message 1  65536", "message 2  65536", "message 3  5");
    byte[] joined = new byte[read.length];
    int at = 0;
    for (byte[] body : sink.bodies) {
      System.arraycopy(body, 0, joined, at, body.length);
      at += body.length;
    }
    assertThat(Arrays.equals(joined, read)).isTrue();
  }

  @Test
  void stopsAtTheFirstMessageTheSinkRefuses() {
    List<Integer> seen = new ArrayList<>();
    BodySplitter.Sink refusing = new BodySplitter.Sink() {
      @Override
      public boolean send(String where, String contentType, byte[] body) {
        seen.add(body.length);
        return false;
      }

      @Override
      public boolean fail(TranscodingException error) {
        return false;
      }
    };

    assertThat(new RawSplitter("").take(new byte[200 << 10], refusing)).isFalse();
    assertThat(seen).containsExactly(65536);
  }
}
