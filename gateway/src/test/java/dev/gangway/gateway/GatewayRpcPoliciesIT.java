package dev.gangway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.auth.ApiKeyAuthenticator;
import dev.gangway.gateway.gwtest.v1.EchoRequest;
import dev.gangway.gateway.gwtest.v1.EchoResponse;
import dev.gangway.gateway.testing.AccessConfigs;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestServers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC-Web and Connect requests pass the same policy stage as REST: the access rules of the
 * method (authentication, rate limits) apply, and their rejections reach the client in its
 * protocol's terms.
 */
class GatewayRpcPoliciesIT {
  private static final String KEY = "rpc-partner-key";
  private static final String ECHO = "/gangway.gwtest.v1.EchoService/Echo";

  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path dir;

  private Http http;

  @BeforeEach
  void start() throws Exception {
    EchoBackend echo = servers.backend("echo");
    GatewayServer gateway = servers.own(GatewayServer.start(AccessConfigs.source(
        AccessConfigs.write(dir, echo.target(),
            "auth:",
            "  providers:",
            "    - name: partners",
            "      api_keys:",
            "        header: x-api-key",
            "        keys:",
            "          - {consumer: acme, sha256: " + ApiKeyAuthenticator.hash(KEY) + "}",
            "access:",
            "  routes:",
            "    - match: [gangway.gwtest.v1.EchoService.Echo]",
            "      require: {provider: partners}",
            "      rate_limits: [two]",
            "rate_limits:",
            "  limits:",
            "    - {name: two, per: [consumer], tokens: 2, period: 1h}"))));
    http = new Http(gateway.httpPort());
  }

  private HttpResponse<byte[]> post(String contentType, byte[] body, String... headers) {
    HttpRequest.Builder request = http.request(ECHO).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] echo() {
    return GatewayRpcProtocolsIT.frame(0, EchoRequest.newBuilder().setText("p").build().toByteArray());
  }

  @Test
  void authenticationAppliesAndItsRejectionIsAGrpcWebStatus() {
    HttpResponse<byte[]> refused = post("application/grpc-web+proto", echo());

    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.headers().firstValue("www-authenticate")).isPresent();
    Map<String, String> trailers = GatewayRpcProtocolsIT.trailers(
        GatewayRpcProtocolsIT.frames(refused.body()).get(0));
    assertThat(trailers).containsEntry("grpc-status", "16");
  }

  @Test
  void rateLimitsCountRpcCallsAndAnswerConnectResourceExhausted() throws Exception {
    byte[] plain = EchoRequest.newBuilder().setText("p").build().toByteArray();
    for (int i = 0; i < 2; i++) {
      HttpResponse<byte[]> ok = post("application/proto", plain, "x-api-key", KEY);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(EchoResponse.parseFrom(ok.body()).getText()).isEqualTo("p");
    }

    HttpResponse<byte[]> limited = post("application/proto", plain, "x-api-key", KEY);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("retry-after")).isPresent();
    assertThat(Http.json(new String(limited.body(), StandardCharsets.UTF_8)).get("code").asText())
        .isEqualTo("resource_exhausted");
    // Same bucket over gRPC-Web: the limit is the method's, whatever the protocol.
    List<GatewayRpcProtocolsIT.Frame> frames = GatewayRpcProtocolsIT.frames(
        post("application/grpc-web+proto", echo(), "x-api-key", KEY).body());
    assertThat(GatewayRpcProtocolsIT.trailers(frames.get(0))).containsEntry("grpc-status", "8");
  }
}
