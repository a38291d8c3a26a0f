package dev.gangway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text frame headers as RFC 6455 section 5.2 lays them out, at each length boundary. */
class WebSocketFrameWriterTest {
  @Test
  void shortPayloadsHaveTheirLengthInTheSecondByte() {
    assertThat(WebSocketFrameWriter.textHeader(0)).containsExactly(0x81, 0);
    assertThat(WebSocketFrameWriter.textHeader(125)).containsExactly(0x81, 125);
  }

  @Test
  void payloadsUpTo65535BytesHaveA16BitLength() {
    assertThat(WebSocketFrameWriter.textHeader(126)).containsExactly(0x81, 126, 0, 126);
    assertThat(WebSocketFrameWriter.textHeader(300)).containsExactly(0x81, 126, 1, 44);
    assertThat(WebSocketFrameWriter.textHeader(65_535))
        .containsExactly(0x81, 126, 0xFF, 0xFF);
  }

  @Test
  void longerPayloadsHaveA64BitLength() {
    assertThat(WebSocketFrameWriter.textHeader(65_536))
        .containsExactly(0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0);
    assertThat(WebSocketFrameWriter.textHeader(Integer.MAX_VALUE))
        .containsExactly(0x81, 127, 0, 0, 0, 0, 0x7F, 0xFF, 0xFF, 0xFF);
  }
}
