package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.Code;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Header mapping both ways, observed through Diagnostics.Echo, which returns the metadata the
 * backend received: {@code Authorization}, {@code Grpc-Metadata-*}, W3C trace context, the
 * {@code headers.forward} allowlist ({@code x-request-id} in the e2e config), the
 * {@code x-forwarded-*} headers the gateway sets, and the backend's response header and trailer
 * coming back as {@code Grpc-Metadata-*}.
 */
class HeadersIT {
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @RegisterExtension static final GatewayHarness h = GatewayHarness.extension();

  @Test
  void echoReturnsTheRequestAsTheBackendReceivedIt() {
    JsonNode body = Json.ok(h.send("POST", "/v1/diagnostics:echo",
        "{\"message\":\"héllo\",\"labels\":{\"a\":\"1\",\"b\":\"2\"}}"));

    assertThat(body.path("request").path("message").asText()).isEqualTo("héllo");
    assertThat(Json.MAPPER.convertValue(body.path("request").path("labels"), Map.class))
        .isEqualTo(Map.of("a", "1", "b", "2"));
    assertThat(body.path("instance").asText()).isEqualTo(GatewayHarness.INSTANCE);
  }

  @Test
  void forwardsAuthorizationTraceContextAndAllowlistedHeaders() {
    JsonNode metadata = echo(h.request("/v1/diagnostics:echo")
        .header("Authorization", "Bearer e2e-token")
        .header("traceparent", TRACEPARENT)
        .header("tracestate", "vendor=e2e")
        .header("X-Request-Id", "req-42")
        .header("X-Not-Allowlisted", "secret"));

    assertThat(values(metadata, "authorization")).containsExactly("Bearer e2e-token");
    assertThat(values(metadata, "traceparent")).containsExactly(TRACEPARENT);
    assertThat(values(metadata, "tracestate")).containsExactly("vendor=e2e");
    assertThat(values(metadata, "x-request-id")).containsExactly("req-42");
    assertThat(metadata.has("x-not-allowlisted")).isFalse();
  }

  @Test
  void grpcMetadataPrefixedHeadersBecomeMetadataKeepingEveryValue() {
    JsonNode metadata = echo(h.request("/v1/diagnostics:echo")
        .header("Grpc-Metadata-Tenant", "acme")
        .header("Grpc-Metadata-Shard", "7")
        .header("Grpc-Metadata-Shard", "8"));

    assertThat(values(metadata, "tenant")).containsExactly("acme");
    assertThat(values(metadata, "shard")).containsExactly("7", "8");
  }

  @Test
  void grpcMetadataCannotSetTransportOwnedNames() {
    JsonNode metadata = echo(h.request("/v1/diagnostics:echo")
        .header("Grpc-Metadata-Grpc-E2e", "x")
        .header("Grpc-Metadata-Proxy-Secret", "x"));

    assertThat(metadata.has("grpc-e2e")).isFalse();
    assertThat(metadata.has("proxy-secret")).isFalse();
  }

  @Test
  void binaryMetadataIsForwardedWhenBase64AndRejectedOtherwise() {
    String encoded = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
    HttpResponse<String> ok = h.send(h.request("/v1/diagnostics:echo")
        .header("Content-Type", "application/json")
        .header("Grpc-Metadata-Blob-Bin", encoded)
        .POST(HttpRequest.BodyPublishers.ofString("{}"))
        .build());
    // Echo leaves binary keys out of its answer; the call itself must succeed.
    Json.ok(ok);

    HttpResponse<String> bad = h.send(h.request("/v1/diagnostics:echo")
        .header("Content-Type", "application/json")
        .header("Grpc-Metadata-Blob-Bin", "*not base64*")
        .POST(HttpRequest.BodyPublishers.ofString("{}"))
        .build());

    JsonNode body = Json.error(bad, 400, Code.INVALID_ARGUMENT);
    assertThat(body.path("message").asText())
        .containsIgnoringCase("header grpc-metadata-blob-bin")
        .contains("binary (-bin) metadata must be base64");
  }

  @Test
  void setsForwardedForAndForwardedHostIgnoringAnUntrustedClientsClaims() {
    JsonNode direct = echo(h.request("/v1/diagnostics:echo"));
    assertThat(values(direct, "x-forwarded-for")).containsExactly("127.0.0.1");
    assertThat(values(direct, "x-forwarded-host"))
        .containsExactly("127.0.0.1:" + h.gateway().httpPort());

    JsonNode proxied = echo(h.request("/v1/diagnostics:echo")
        .header("X-Forwarded-For", "203.0.113.7")
        .header("X-Forwarded-Host", "api.example.com"));
    // The demo trusts no proxy (server.trusted_proxies): the client cannot choose its address.
    assertThat(values(proxied, "x-forwarded-for")).containsExactly("127.0.0.1");
    assertThat(values(proxied, "x-forwarded-host"))
        .containsExactly("127.0.0.1:" + h.gateway().httpPort());
  }

  @Test
  void backendResponseHeaderAndTrailerComeBackAsGrpcMetadata() {
    HttpResponse<String> response = h.send("POST", "/v1/diagnostics:echo", "{\"message\":\"m\"}");

    Json.ok(response);
    assertThat(response.headers().allValues("Grpc-Metadata-x-diag-header")).containsExactly("h");
    assertThat(response.headers().allValues("Grpc-Metadata-x-diag-trailer")).containsExactly("t");
    // The gRPC transport's own headers stay behind.
    assertThat(response.headers().map().keySet())
        .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("grpc-status"))
        .noneMatch(name -> name.equalsIgnoreCase("Grpc-Metadata-grpc-status"))
        .noneMatch(name -> name.equalsIgnoreCase("Grpc-Metadata-content-type"));
  }

  /** POSTs an empty Echo with the builder's headers; returns the metadata the backend saw. */
  private static JsonNode echo(HttpRequest.Builder request) {
    HttpResponse<String> response = h.send(request
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"headers\"}"))
        .build());
    return Json.ok(response).path("metadata");
  }

  private static List<String> values(JsonNode metadata, String key) {
    assertThat(metadata.has(key)).as("metadata %s in %s", key, metadata).isTrue();
    List<String> out = new ArrayList<>();
    metadata.path(key).path("values").forEach(v -> out.add(v.asText()));
    return out;
  }
}
