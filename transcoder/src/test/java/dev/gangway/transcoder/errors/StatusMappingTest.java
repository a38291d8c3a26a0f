package dev.gangway.transcoder.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.rpc.Code;
import dev.gangway.transcoder.internal.json.TestProtos;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class StatusMappingTest {
  private static final List<ObjectNode> TABLE = TestProtos.cases("/errors/status-mapping.yaml");

  @TestFactory
  Stream<DynamicTest> mapsEachCodeAsTheTableSays() {
    return TABLE.stream()
        .map(
            row ->
                DynamicTest.dynamicTest(
                    row.get("code").asText() + " -> " + row.get("http").asInt(),
                    () -> {
                      Code code = Code.valueOf(row.get("code").asText());
                      int number = row.get("number").asInt();
                      int http = row.get("http").asInt();
                      assertThat(code.getNumber()).isEqualTo(number);
                      assertThat(StatusMapping.httpStatus(code)).isEqualTo(http);
                      assertThat(StatusMapping.httpStatus(number)).isEqualTo(http);
                    }));
  }

  @Test
  void tableListsEveryCodeOnce() {
    List<String> listed = TABLE.stream().map(row -> row.get("code").asText()).toList();
    String[] known =
        Arrays.stream(Code.values())
            .filter(c -> c != Code.UNRECOGNIZED)
            .map(Code::name)
            .toArray(String[]::new);

    assertThat(listed).containsExactlyInAnyOrder(known);
  }

  @Test
  void unrecognizedCodeIsInternalServerError() {
    assertThat(StatusMapping.httpStatus(Code.UNRECOGNIZED)).isEqualTo(500);
  }

  @Test
  void unknownNumberIsInternalServerError() {
    assertThat(StatusMapping.httpStatus(17)).isEqualTo(500);
    assertThat(StatusMapping.httpStatus(-1)).isEqualTo(500);
    assertThat(StatusMapping.httpStatus(Integer.MAX_VALUE)).isEqualTo(500);
  }
}
