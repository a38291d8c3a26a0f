package dev.gangway.gateway.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.Code;
import dev.gangway.transcoder.errors.TranscodingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's own errors: messages fill in order, and docs/mapping.md lists exactly these. */
class GatewayErrorTest {
  private static final Path MAPPING = Path.of("../docs/mapping.md");

  @Test
  void fillsPlaceholdersInOrder() {
    TranscodingException e = GatewayError.METHOD_NOT_ALLOWED.exception("PUT", "/v1/x", "GET");

    assertThat(e.httpStatus()).isEqualTo(405);
    assertThat(e.code()).isEqualTo(Code.UNIMPLEMENTED);
    assertThat(e.getMessage()).isEqualTo("method PUT not allowed for /v1/x; allowed: GET");
  }

  @Test
  void refusesMoreArgumentsThanPlaceholders() {
    assertThatThrownBy(() -> GatewayError.BODY_TIMEOUT.message("extra"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("BODY_TIMEOUT takes fewer arguments");
  }

  @Test
  void mappingDocListsEveryGatewayErrorAsTheCodeHasIt() throws IOException {
    List<String> documented = new ArrayList<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(MAPPING)) {
      if (line.equals("<!-- gateway-errors:start -->")) {
        inTable = true;
      } else if (line.equals("<!-- gateway-errors:end -->")) {
        inTable = false;
      } else if (inTable && line.startsWith("| `")) {
        documented.add(line);
      }
    }
    List<String> expected = Arrays.stream(GatewayError.values())
        .map(e -> "| `" + e.name() + "` | " + e.httpStatus() + " | " + e.code().name() + " | `"
            + e.template() + "` |")
        .toList();

    assertThat(documented).containsExactlyElementsOf(expected);
  }
}
