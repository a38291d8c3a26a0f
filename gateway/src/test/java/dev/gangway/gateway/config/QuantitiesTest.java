package dev.gangway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

  @ParameterizedTest
  @CsvSource({"500ms, 500", "5s, 5000", "1m, 60000", "1h, 3600000", "0s, 0", "90s, 90000"})
  void parsesDurationsWithOneUnit(String text, long millis) {
    assertThat(Quantities.parseDuration(text)).contains(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "s", "5 s", "5sec", "1m30s", "-1s", "1.5s", "5S", "1d",
      "1234567890123456s"})
  void rejectsOtherDurationSpellings(String text) {
    assertThat(Quantities.parseDuration(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"1048576, 1048576", "512KiB, 524288", "4MiB, 4194304", "1GiB, 1073741824",
      "0, 0"})
  void parsesBytesAndBinarySuffixes(String text, long bytes) {
    assertThat(Quantities.parseSize(text)).hasValue(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "KiB", "16KB", "4mib", "4 MiB", "1.5MiB", "-1", "4M", "1TiB"})
  void rejectsDecimalAndOtherSizeSuffixes(String text) {
    assertThat(Quantities.parseSize(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"999999999999999GiB", "999999999999999MiB"})
  void hugeSizesSaturateInsteadOfOverflowing(String text) {
    assertThat(Quantities.parseSize(text)).isEqualTo(OptionalLong.of(Long.MAX_VALUE));
  }

  @ParameterizedTest
  @CsvSource({"4194304, 4MiB", "1024, 1KiB", "1000, 1000", "1073741824, 1GiB",
      "1536, 1536", "2147483647, 2147483647"})
  void formatsSizesWithTheLargestExactUnit(long bytes, String text) {
    assertThat(Quantities.formatSize(bytes)).isEqualTo(text);
  }
}
