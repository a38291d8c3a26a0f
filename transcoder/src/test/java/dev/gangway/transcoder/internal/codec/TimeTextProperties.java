package dev.gangway.transcoder.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written Timestamp and Duration text against protobuf-java-util's {@code Timestamps}
 * and {@code Durations} as the oracle: the same text for every value, the same value for every
 * text they print or that carries an offset, and the same refusals of out-of-range values.
 */
class TimeTextProperties {

  @Property(tries = 2000)
  void printsTimestampsAsTimestampsDoes(
      @ForAll @LongRange(min = TimeText.MIN_TIMESTAMP_SECONDS, max = TimeText.MAX_TIMESTAMP_SECONDS)
          long seconds,
      @ForAll("nanos") int nanos) throws Exception {
    Timestamp t = Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build();
    String text = Timestamps.toString(t);
    assertThat(TimeText.timestamp(seconds, nanos)).isEqualTo(text);
    assertThat(TimeText.parseTimestamp(text))
        .isEqualTo(new TimeText.SecondsNanos(seconds, nanos));
  }

  @Property(tries = 1000)
  void readsOffsetsAsTimestampsDoes(
      @ForAll @LongRange(min = TimeText.MIN_TIMESTAMP_SECONDS + 86_400,
          max = TimeText.MAX_TIMESTAMP_SECONDS - 86_400) long seconds,
      @ForAll @IntRange(min = 0, max = 23) int offsetHours,
      @ForAll @IntRange(min = 0, max = 59) int offsetMinutes,
      @ForAll boolean east) throws Exception {
    String utc = Timestamps.toString(Timestamp.newBuilder().setSeconds(seconds).build());
    String text = utc.substring(0, utc.length() - 1)
        + String.format("%s%02d:%02d", east ? "+" : "-", offsetHours, offsetMinutes);
    Timestamp oracle = Timestamps.parse(text);
    assertThat(TimeText.parseTimestamp(text))
        .isEqualTo(new TimeText.SecondsNanos(oracle.getSeconds(), oracle.getNanos()));
  }

  @Property(tries = 2000)
  void printsAndReadsDurationsAsDurationsDoes(
      @ForAll @LongRange(min = -TimeText.MAX_DURATION_SECONDS, max = TimeText.MAX_DURATION_SECONDS)
          long seconds,
      @ForAll("nanos") int nanos) throws Exception {
    int signed = seconds < 0 ? -nanos : nanos;
    Duration d = Duration.newBuilder().setSeconds(seconds).setNanos(signed).build();
    String text = Durations.toString(d);
    assertThat(TimeText.duration(seconds, signed)).isEqualTo(text);
    assertThat(TimeText.parseDuration(text)).isEqualTo(new TimeText.SecondsNanos(seconds, signed));
    Duration oracle = Durations.parse(text);
    assertThat(oracle).isEqualTo(d);
  }

  @Provide
  Arbitrary<Integer> nanos() {
    return Arbitraries.oneOf(
        Arbitraries.just(0),
        Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
        Arbitraries.integers().between(0, 999_999).map(us -> us * 1000),
        Arbitraries.integers().between(0, 999_999_999));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "2024-02-30T00:00:00Z", "2024-02-29T24:00:00Z", "2024-02-29T12:60:00Z",
      "2024-02-29T12:00:60Z",
      "2024-02-29T12:00:00", "2024-02-29T12:00:00.Z", "2024-02-29T12:00:00.1234567890Z",
      "0000-12-31T00:00:00Z", "2024-02-29T12:00:00+1:00", "2024-02-29T12:00:00+01:60",
      "2024-02-29T12:00:00Z ", " 2024-02-29T12:00:00Z", "2024-2-29T12:00:00Z",
      "0001-01-01T00:00:00+00:01", "9999-12-31T23:59:59-00:01"})
  void refusesWhatIsNotAnRfc3339TimestampInRange(String text) {
    assertThatThrownBy(() -> TimeText.parseTimestamp(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "s", "1", "-s", "1.s", ".5s", "1.1234567890s", "1,5s", "315576000001s", " 1s", "1s ",
      "+1s", "1e3s", "--1s", "1.-5s"})
  void refusesWhatIsNotADurationInRange(String text) {
    assertThatThrownBy(() -> TimeText.parseDuration(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-02-29t12:00:00Z", "2024-02-29T12:00:00z"})
  void readsLowerCaseTAndZAsRfc3339Allows(String text) {
    assertThat(TimeText.parseTimestamp(text))
        .isEqualTo(TimeText.parseTimestamp("2024-02-29T12:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(longs = {TimeText.MIN_TIMESTAMP_SECONDS - 1, TimeText.MAX_TIMESTAMP_SECONDS + 1})
  void refusesToPrintTimestampsOutOfRange(long seconds) {
    assertThatThrownBy(() -> TimeText.timestamp(seconds, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Timestamps.toString(Timestamp.newBuilder().setSeconds(seconds).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1,-1", "-1,1", "315576000001,0", "0,1000000000"})
  void refusesToPrintDurationsOutOfRangeOrOfMixedSigns(String value) {
    String[] parts = value.split(",");
    long seconds = Long.parseLong(parts[0]);
    int nanos = Integer.parseInt(parts[1]);
    assertThatThrownBy(() -> TimeText.duration(seconds, nanos))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Durations.toString(
        Duration.newBuilder().setSeconds(seconds).setNanos(nanos).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
