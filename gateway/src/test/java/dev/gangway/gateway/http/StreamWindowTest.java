package dev.gangway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamWindowTest {
  @Test
  void everyStreamStartsWithTheSmallWindow() {
    assertThat(new StreamWindow().open()).isEqualTo(16);
  }

  @Test
  void largeMessagesAreAskedForEightAtATimeWithinSixteen() {
    StreamWindow window = new StreamWindow();
    window.open();
    for (int i = 0; i < 16; i++) {
      window.arrived(8 << 10);
    }

    assertThat(window.flushed(7)).isZero(); // less than half the window is free
    assertThat(window.flushed(1)).isEqualTo(8);
    assertThat(window.flushed(16)).isEqualTo(16); // everything flushed: the whole window again
  }

  @Test
  void smallMessagesGrowTheWindowToWhatFitsInItsBytes() {
    StreamWindow window = new StreamWindow();
    window.open();
    for (int i = 0; i < 16; i++) {
      window.arrived(512);
    }

    assertThat(window.size()).isEqualTo(128); // 64 KiB / 512 B
    assertThat(window.flushed(8)).isEqualTo(120); // 8 outstanding, 120 free
    assertThat(window.flushed(63)).isZero(); // 65 outstanding: less than half free
    assertThat(window.flushed(1)).isEqualTo(64);
  }

  @Test
  void tinyMessagesStopAtTheMessageLimit() {
    StreamWindow window = new StreamWindow();
    window.open();
    window.arrived(10);

    assertThat(window.size()).isEqualTo(256);
    assertThat(window.flushed(1)).isEqualTo(241);
  }

  @Test
  void oneLargeMessageShrinksTheWindowUntilTheRequestedOnesAreFlushed() {
    StreamWindow window = new StreamWindow();
    window.open();
    window.arrived(100);
    assertThat(window.flushed(16)).isEqualTo(256);

    window.arrived(1 << 20); // the backend switched to large messages
    assertThat(window.size()).isEqualTo(16);
    assertThat(window.flushed(200)).isZero(); // 56 still requested: more than the window
    assertThat(window.flushed(48)).isEqualTo(8); // 8 outstanding: half of 16 free
  }
}
