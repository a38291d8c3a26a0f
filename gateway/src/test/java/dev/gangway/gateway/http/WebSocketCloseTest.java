package dev.gangway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Close reasons fit a close frame: at most 123 UTF-8 bytes, never half a character. */
class WebSocketCloseTest {
  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void shortReasonIsKeptWhole() {
    assertThat(WebSocketClose.truncate("failed after 2 messages"))
        .isEqualTo("failed after 2 messages");
  }

  @Test
  void reasonOfExactly123BytesIsKeptWhole() {
    String reason = "x".repeat(123);

    assertThat(WebSocketClose.truncate(reason)).isEqualTo(reason);
  }

  @Test
  void longAsciiReasonIsCutAt123Bytes() {
    assertThat(WebSocketClose.truncate("y".repeat(500))).isEqualTo("y".repeat(123));
  }

  @Test
  void twoByteCharacterAcrossTheLimitIsLeftOut() {
    // 122 ASCII bytes, then "é" (2 bytes) would end at byte 124.
    String reason = "a".repeat(122) + "é" + "tail";

    String cut = WebSocketClose.truncate(reason);

    assertThat(cut).isEqualTo("a".repeat(122));
    assertThat(utf8Length(cut)).isEqualTo(122);
  }

  @Test
  void fourByteCharacterAcrossTheLimitIsLeftOut() {
    // 121 ASCII bytes, then an emoji (4 bytes, a surrogate pair in Java) would end at byte 125.
    String reason = "b".repeat(121) + "\uD83D\uDE00" + "tail";

    assertThat(WebSocketClose.truncate(reason)).isEqualTo("b".repeat(121));
  }

  @Test
  void characterEndingExactlyAtTheLimitIsKept() {
    String reason = "c".repeat(120) + "€" + "more"; // "€" is 3 bytes: bytes 121..123

    String cut = WebSocketClose.truncate(reason);

    assertThat(cut).isEqualTo("c".repeat(120) + "€");
    assertThat(utf8Length(cut)).isEqualTo(123);
  }
}
