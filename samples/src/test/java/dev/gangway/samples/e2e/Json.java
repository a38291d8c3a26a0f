package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.rpc.Code;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses gateway responses and checks the shape of its JSON answers: success bodies and
 * {@code google.rpc.Status} error bodies ({@code code}, {@code message}, {@code details}).
 *
 * <p>Stateless and thread-safe.
 */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String TYPE_PREFIX = "type.googleapis.com/";

  private Json() {}

  static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  /** Asserts 200 with a JSON body and returns the body. */
  static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode())
        .as("%s %s answered %s", response.request().method(), response.request().uri(),
            response.body())
        .isEqualTo(200);
    assertJsonContentType(response);
    return parse(response.body());
  }

  /**
   * Asserts an error response: the HTTP status, a JSON {@code google.rpc.Status} body with the
   * gRPC code's number, a non-empty message and a {@code details} array. Returns the body.
   */
  static JsonNode error(HttpResponse<String> response, int httpStatus, Code code) {
    assertThat(response.statusCode())
        .as("%s %s answered %s", response.request().method(), response.request().uri(),
            response.body())
        .isEqualTo(httpStatus);
    assertJsonContentType(response);
    JsonNode body = parse(response.body());
    assertThat(body.path("code").asInt(-1)).as("code in %s", body).isEqualTo(code.getNumber());
    assertThat(body.path("message").asText()).as("message in %s", body).isNotBlank();
    assertThat(body.path("details").isArray()).as("details array in %s", body).isTrue();
    return body;
  }

  /** The one detail whose type is {@code fullType}, e.g. {@code google.rpc.ResourceInfo}. */
  static JsonNode detail(JsonNode status, String fullType) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode detail : status.path("details")) {
      if (detail.path("@type").asText().equals(TYPE_PREFIX + fullType)) {
        found.add(detail);
      }
    }
    if (found.size() != 1) {
      return fail("expected one %s detail in %s", fullType, status);
    }
    return found.get(0);
  }

  /** The texts of one field of every element of an array, e.g. the names of listed shelves. */
  static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode element : array) {
      out.add(element.path(field).asText());
    }
    return out;
  }

  /** The texts of the elements of an array of strings. */
  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode element : array) {
      out.add(element.asText());
    }
    return out;
  }

  private static void assertJsonContentType(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Type"))
        .as("Content-Type of %s", response.uri())
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
  }
}
