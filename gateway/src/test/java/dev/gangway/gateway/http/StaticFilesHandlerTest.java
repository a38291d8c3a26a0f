package dev.gangway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StaticFilesHandlerTest {

  @Test
  void decodesPercentEscapesAsUtf8() {
    assertThat(StaticFilesHandler.decode("a%20b/c%C3%A9.html")).hasValue("a b/cé.html");
    assertThat(StaticFilesHandler.decode("plus+stays.txt")).hasValue("plus+stays.txt");
    assertThat(StaticFilesHandler.decode("")).hasValue("");
    assertThat(StaticFilesHandler.decode("dir/")).hasValue("dir/");
    assertThat(StaticFilesHandler.decode("x../y..")).hasValue("x../y..");
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "../x", "a/../b", "a/..", "%2e%2e/x", "a/%2E/b", ".", "a\\b",
      "%5c", "%00", "%", "%2", "%zz", "%c3%28", "caf\u00e9", ".env", "a/.git/config", "..x"})
  void refusesWhatIsNotAPlainPathInsideTheDirectory(String raw) {
    assertThat(StaticFilesHandler.decode(raw)).isEmpty();
  }
}
