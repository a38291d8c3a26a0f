package dev.gangway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubstitutionTest {
  static final Map<String, String> ENV = Map.of("HOST", "db", "PORT", "5432", "EMPTY", "",
      "REF", "${HOST}");

  static String apply(String value) throws ConfigException {
    return Substitution.apply(value, ConfigException::new, ENV::get);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "plain              | plain",
      "${HOST}            | db",
      "${HOST}:${PORT}    | db:5432",
      "x${HOST}y          | xdby",
      "${MISSING:-local}  | local",
      "${HOST:-local}     | db",
      "${EMPTY:-fallback} | fallback",
      "'${EMPTY}'         | ''",
      "${MISSING:-}       | ''",
      "${MISSING:-a:-b}   | a:-b",
      "$${HOST}           | ${HOST}",
      "$$${HOST}          | $${HOST}",
      "$${               | ${",
      "a$$b               | a$$b",
      "$HOST              | $HOST",
      "cost: 5$           | cost: 5$",
      "${REF}             | ${HOST}",
      "${MISSING:-${HOST} | ${HOST",
  })
  void replacesReferences(String value, String expected) throws ConfigException {
    assertThat(apply(value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "${MISSING}      | environment variable MISSING is not set"
          + " (write ${MISSING:-default} to give a default)",
      "${HOST         | unclosed \"${\" in \"${HOST\" (write $${ for a literal ${)",
      "${}            | \"${}\" is not a variable reference (use ${NAME} or ${NAME:-default})",
      "${1X}          | \"${1X}\" is not a variable reference (use ${NAME} or ${NAME:-default})",
      "${A-B}         | \"${A-B}\" is not a variable reference (use ${NAME} or ${NAME:-default})",
      "${HOST:local}  | \"${HOST:local}\" is not a variable reference"
          + " (use ${NAME} or ${NAME:-default})",
  })
  void rejectsUnsetAndMalformedReferences(String value, String message) {
    assertThatThrownBy(() -> apply(value)).hasMessage(message);
  }
}
