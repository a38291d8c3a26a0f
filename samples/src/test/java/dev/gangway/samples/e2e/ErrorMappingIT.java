package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.Code;
import dev.gangway.samples.RunningSamples;
import dev.gangway.samples.SampleBackend;
import dev.gangway.samples.SampleServers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every way a request can fail, as the client sees it: the gateway's own errors (404, 405 with
 * {@code Allow}, 413, 415, 400 naming the problem, server streams as NDJSON), backend errors mapped by
 * the status table with their {@code google.rpc.Status} details, and an unreachable backend (503,
 * then success once it comes up). Every error body is a JSON {@code google.rpc.Status}.
 */
class ErrorMappingIT {
  /** The e2e config's server.max_request_body (64KiB). */
  private static final int BODY_LIMIT = 64 * 1024;

  @RegisterExtension static final GatewayHarness h = GatewayHarness.extension();

  @Test
  void unknownPathIs404NotFound() {
    JsonNode body = Json.error(h.get("/v1/nothing/here"), 404, Code.NOT_FOUND);

    assertThat(body.path("message").asText()).isEqualTo("no route for GET /v1/nothing/here");
  }

  @Test
  void knownPathUnderAnotherMethodIs405WithAllow() {
    HttpResponse<String> response = h.send("PUT", "/v1/shelves", "{}");

    JsonNode body = Json.error(response, 405, Code.UNIMPLEMENTED);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST");
    assertThat(body.path("message").asText())
        .isEqualTo("method PUT not allowed for /v1/shelves; allowed: GET, POST");

    HttpResponse<String> delete = h.send("DELETE", "/v1/products/p-100", null);
    Json.error(delete, 405, Code.UNIMPLEMENTED);
    assertThat(delete.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void bodyOverTheLimitIs413() {
    String json = echoOfSize(BODY_LIMIT + 1);

    HttpResponse<String> response = h.send("POST", "/v1/diagnostics:echo", json);

    JsonNode body = Json.error(response, 413, Code.RESOURCE_EXHAUSTED);
    assertThat(body.path("message").asText())
        .isEqualTo("request body larger than " + BODY_LIMIT + " bytes");
  }

  @Test
  void chunkedBodyGrowingOverTheLimitIs413() {
    // Without a known length the client sends the body chunked: no Content-Length to check up
    // front, so the limit must apply while receiving.
    Flow.Publisher<java.nio.ByteBuffer> chunked =
        HttpRequest.BodyPublishers.ofString(echoOfSize(BODY_LIMIT + 1));
    HttpRequest request = h.request("/v1/diagnostics:echo")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.fromPublisher(chunked))
        .build();

    JsonNode body = Json.error(h.send(request), 413, Code.RESOURCE_EXHAUSTED);

    assertThat(body.path("message").asText()).contains("larger than " + BODY_LIMIT + " bytes");
  }

  @Test
  void bodyJustUnderTheLimitIsServed() {
    String json = echoOfSize(BODY_LIMIT);

    JsonNode body = Json.ok(h.send("POST", "/v1/diagnostics:echo", json));

    assertThat(body.path("request").path("message").asText())
        .hasSize(BODY_LIMIT - "{\"message\":\"\"}".length());
  }

  @Test
  void nonJsonContentTypeIs415() {
    HttpRequest request = h.request("/v1/diagnostics:echo")
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}"))
        .build();

    JsonNode body = Json.error(h.send(request), 415, Code.INVALID_ARGUMENT);

    assertThat(body.path("message").asText()).contains("content type \"text/plain\"");
  }

  @Test
  void malformedJsonIs400NamingThePosition() {
    JsonNode body = Json.error(
        h.send("POST", "/v1/diagnostics:echo", "{\"message\": \"hi\",, }"), 400,
        Code.INVALID_ARGUMENT);

    assertThat(body.path("message").asText())
        .startsWith("body: invalid JSON: syntax error at line 1 column ");
  }

  @Test
  void unknownJsonFieldIs400NamingFieldAndType() {
    JsonNode body = Json.error(
        h.send("POST", "/v1/diagnostics:echo", "{\"message\":\"hi\",\"colour\":\"red\"}"), 400,
        Code.INVALID_ARGUMENT);

    assertThat(body.path("message").asText()).isEqualTo(
        "body: unknown field \"colour\" in gangway.samples.diagnostics.v1.EchoRequest");
  }

  @Test
  void wrongJsonValueTypeIs400NamingTheValue() {
    JsonNode body = Json.error(
        h.send("POST", "/v1/shelves/fiction/books",
            "{\"title\":\"T\",\"publicationYear\":\"old\"}"),
        400, Code.INVALID_ARGUMENT);

    assertThat(body.path("message").asText()).contains("\"old\"").contains("int32");
  }

  @Test
  void badQueryValueIs400NamingTheParameter() {
    JsonNode body = Json.error(h.get("/v1/shelves?page_size=ten"), 400, Code.INVALID_ARGUMENT);

    assertThat(body.path("message").asText())
        .isEqualTo("query parameter page_size: \"ten\" is not a valid int32");
  }

  @Test
  void unknownQueryParameterIs400NamingIt() {
    JsonNode body = Json.error(h.get("/v1/shelves?colour=red"), 400, Code.INVALID_ARGUMENT);

    assertThat(body.path("message").asText()).contains("unknown query parameter \"colour\"");
  }

  @Test
  void missingResourceIs404WithResourceInfo() {
    JsonNode body = Json.error(h.get("/v1/shelves/nope"), 404, Code.NOT_FOUND);

    assertThat(body.path("message").asText()).isEqualTo("shelf \"shelves/nope\" not found");
    JsonNode info = Json.detail(body, "google.rpc.ResourceInfo");
    assertThat(info.path("resourceType").asText()).isEqualTo("gangway.samples.bookstore.v1.Shelf");
    assertThat(info.path("resourceName").asText()).isEqualTo("shelves/nope");
  }

  @Test
  void unpricedProductIs404FromPricing() {
    JsonNode body = Json.error(h.get("/v1/prices/p-400"), 404, Code.NOT_FOUND);

    JsonNode info = Json.detail(body, "google.rpc.ResourceInfo");
    assertThat(info.path("resourceType").asText()).isEqualTo("gangway.samples.pricing.v1.Price");
    assertThat(info.path("resourceName").asText()).isEqualTo("p-400");
  }

  @Test
  void existingResourceIs409AlreadyExistsWithResourceInfo() {
    JsonNode body = Json.error(
        h.send("POST", "/v1/shelves?shelf_id=fiction", "{\"theme\":\"Again\"}"), 409,
        Code.ALREADY_EXISTS);

    assertThat(body.path("message").asText()).isEqualTo("shelf \"shelves/fiction\" already exists");
    assertThat(Json.detail(body, "google.rpc.ResourceInfo").path("resourceName").asText())
        .isEqualTo("shelves/fiction");
  }

  @Test
  void failedPreconditionIs400WithErrorInfo() {
    JsonNode body = Json.error(h.send("DELETE", "/v1/shelves/science", null), 400,
        Code.FAILED_PRECONDITION);

    JsonNode info = Json.detail(body, "google.rpc.ErrorInfo");
    assertThat(info.path("reason").asText()).isEqualTo("SHELF_NOT_EMPTY");
    assertThat(info.path("domain").asText()).isEqualTo("samples.gangway.dev");
    assertThat(info.path("metadata").path("shelf").asText()).isEqualTo("shelves/science");
    // Nothing was deleted.
    h.getOk("/v1/shelves/science");
  }

  @Test
  void archivingTwiceIs400FailedPrecondition() {
    Json.ok(h.send("POST", "/v1/shelves?shelf_id=z-e2e-errors", "{\"theme\":\"Errors\"}"));
    Json.ok(h.send("POST", "/v1/shelves/z-e2e-errors/books?book_id=once", "{\"title\":\"Once\"}"));
    Json.ok(h.send("POST", "/v1/shelves/z-e2e-errors/books/once:archive", null));

    JsonNode body = Json.error(h.send("POST", "/v1/shelves/z-e2e-errors/books/once:archive", null),
        400, Code.FAILED_PRECONDITION);

    assertThat(Json.detail(body, "google.rpc.ErrorInfo").path("reason").asText())
        .isEqualTo("BOOK_ARCHIVED");
  }

  @Test
  void invalidArgumentIs400WithBadRequestNamingTheField() {
    JsonNode body = Json.error(h.send("POST", "/v1/shelves", "{\"theme\":\"\"}"), 400,
        Code.INVALID_ARGUMENT);

    assertThat(body.path("message").asText()).isEqualTo("shelf.theme: must not be empty");
    JsonNode violation =
        Json.detail(body, "google.rpc.BadRequest").path("fieldViolations").get(0);
    assertThat(violation.path("field").asText()).isEqualTo("shelf.theme");

    JsonNode currency = Json.error(h.get("/v1/prices/p-100?currency=JPY"), 400,
        Code.INVALID_ARGUMENT);
    assertThat(Json.detail(currency, "google.rpc.BadRequest")
        .path("fieldViolations").get(0).path("field").asText()).isEqualTo("currency");
  }

  // A smoke test of the path from a backend's status to the client: the whole code -> HTTP table
  // is asserted once, at its own layer (transcoder StatusMappingTest, errors/status-mapping.yaml).
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"NOT_FOUND, 404", "RESOURCE_EXHAUSTED, 429", "UNAUTHENTICATED, 401"})
  void backendStatusMapsToHttpStatusKeepingMessageAndDetails(Code code, int httpStatus) {
    String message = "e2e says " + code.name().toLowerCase(java.util.Locale.ROOT);

    JsonNode body = Json.error(
        h.get("/v1/diagnostics/fail?code=" + code.name() + "&message=" + Net.encode(message)),
        httpStatus, code);

    assertThat(body.path("message").asText()).isEqualTo(message);
    assertThat(Json.detail(body, "google.rpc.BadRequest")
        .path("fieldViolations").get(0).path("field").asText()).isEqualTo("code");
  }

  @Test
  void failWithCodeOkSucceeds() {
    assertThat(h.getOk("/v1/diagnostics/fail?code=OK").path("instance").asText())
        .isEqualTo(GatewayHarness.INSTANCE);
  }

  @Test
  void serverStreamingRouteStreamsOneJsonMessagePerLine() {
    HttpResponse<String> response = h.get("/v1/diagnostics/ticks?count=3");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
    assertThat(response.body().split("\n")).hasSize(3)
        .allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
  }

  @Test
  void unreachableBackendIs503ThenServesOnceItIsUp() throws Exception {
    int port = Net.freePort();
    try (GatewayHarness down =
        GatewayHarness.startOwn(
            options -> options.env(Map.of("CATALOG", "127.0.0.1:" + port)))) {
      JsonNode body = Json.error(down.get("/v1/products/p-100"), 503, Code.UNAVAILABLE);
      assertThat(body.path("message").asText()).isEqualTo("backend \"catalog\" is unavailable"
          + " (calling gangway.samples.catalog.v1.Catalog/GetProduct)");
      // The transport's own text (addresses, exception names) stays in the gateway's log.
      assertThat(body.toString())
          .doesNotContain(Integer.toString(port))
          .doesNotContain("Exception");
      // Other backends are not affected.
      down.getOk("/v1/shelves");

      RunningSamples catalog = SampleServers.builder()
          .backends(SampleBackend.CATALOG).port(SampleBackend.CATALOG, port).start();
      down.closeLater(catalog);

      HttpResponse<String> recovered = Poll.until("catalog to answer through the gateway",
          Poll.DEFAULT_TIMEOUT.multipliedBy(2), () -> down.get("/v1/products/p-100"),
          r -> r.statusCode() != 503);
      assertThat(Json.ok(recovered).path("name").asText()).isEqualTo("Stovetop Kettle");
    }
  }

  /** A JSON Echo request of exactly {@code size} bytes (ASCII). */
  private static String echoOfSize(int size) {
    String prefix = "{\"message\":\"";
    String suffix = "\"}";
    return prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix;
  }
}
