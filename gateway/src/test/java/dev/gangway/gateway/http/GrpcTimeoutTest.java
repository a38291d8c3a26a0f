package dev.gangway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.transcoder.errors.TranscodingException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GrpcTimeoutTest {

  @ParameterizedTest
  @CsvSource({
      "2H, PT2H",
      "3M, PT3M",
      "45S, PT45S",
      "250m, PT0.25S",
      "1500u, PT0.0015S",
      "7n, PT0.000000007S",
      "99999999S, PT27777H46M39S",
      "0m, PT0S"
  })
  void parsesEachUnit(String header, Duration expected) throws Exception {
    assertThat(GrpcTimeout.parse(header)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "S", "10", "10s", "1.5S", "-1S", "123456789S", " 1S", "1 S", "１S"})
  void rejectsAnythingElseNamingTheHeader(String header) {
    assertThatThrownBy(() -> GrpcTimeout.parse(header))
        .isInstanceOf(TranscodingException.class)
        .hasMessage("header grpc-timeout: \"" + header
            + "\" is not a gRPC timeout (1 to 8 digits, then H, M, S, m, u or n)")
        .extracting(e -> ((TranscodingException) e).httpStatus()).isEqualTo(400);
  }
}
