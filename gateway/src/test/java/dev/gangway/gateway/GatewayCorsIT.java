package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.gateway.testing.CompositeConfigs;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.RawHttp;
import dev.gangway.gateway.testing.TestServers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * CORS at the protocol level, over real sockets: preflights answered by the gateway for every
 * route kind without a backend call, the {@code Access-Control-*} headers of allowed origins
 * (exact, patterns, credentials, exposed headers), nothing for other origins, per-route rules,
 * and the WebSocket origin check following the same list. The browser's side is BrowserCorsIT.
 */
class GatewayCorsIT {
  private static final String ECHO = ECHO_SERVICE + ".";
  private static final String APP = "https://app.example.com";
  private static final String COMPOSITE = String.join("\n",
      "  - name: pair",
      "    method: GET",
      "    path: /v1/pair",
      "    calls:",
      "      a: {method: " + ECHO + "Echo, request: {text: a}}",
      "      b: {method: " + ECHO + "Echo, request: {text: b}}");

  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path dir;

  private EchoBackend echo;
  private int port;

  /** A gateway with the pair composite and this {@code cors} section (YAML, without the key). */
  private void gateway(String cors) throws Exception {
    echo = servers.backend("echo");
    GatewayServer gateway = servers.own(GatewayServer.start(CompositeConfigs.loader(dir,
        echo.target(), COMPOSITE + "\ncors:\n" + cors, false)));
    port = gateway.httpPort();
  }

  private RawHttp.Response request(String method, String path, String... headers)
      throws IOException {
    try (RawHttp raw = new RawHttp(port)) {
      List<String> head = new ArrayList<>(List.of(method + " " + path + " HTTP/1.1",
          "Host: 127.0.0.1:" + port, "Connection: close"));
      head.addAll(List.of(headers));
      return raw.send(head, new byte[0]).read();
    }
  }

  private RawHttp.Response preflight(String path, String origin, String method,
      String... requestHeaders) throws IOException {
    List<String> head = new ArrayList<>(List.of("Origin: " + origin,
        "Access-Control-Request-Method: " + method));
    if (requestHeaders.length > 0) {
      head.add("Access-Control-Request-Headers: " + String.join(",", requestHeaders));
    }
    return request("OPTIONS", path, head.toArray(String[]::new));
  }

  private static String message(RawHttp.Response response) {
    return Http.json(response.body()).get("message").asText();
  }

  private static void assertNoCorsHeaders(RawHttp.Response response) {
    for (String[] header : response.headers()) {
      assertThat(header[0].toLowerCase()).doesNotStartWith("access-control-");
    }
  }

  @Test
  void preflightIsAnsweredByTheGatewayForEveryRouteKind() throws Exception {
    gateway("  allowed_origins: [" + APP + "]");

    for (String[] route : List.of(new String[] {"POST", "/v1/echo"},
        new String[] {"PUT", "/v1/echo/x"}, new String[] {"GET", "/v1/count/3"},
        new String[] {"POST", "/v1/sum"}, new String[] {"POST", "/v1/chat/lobby"},
        new String[] {"GET", "/v1/pair"}, new String[] {"DELETE", "/v1/no/such/path"})) {
      RawHttp.Response answer =
          preflight(route[1], APP, route[0], "Content-Type", "grpc-metadata-trace");

      assertThat(answer.status()).as(route[1]).isEqualTo(204);
      assertThat(answer.header("Access-Control-Allow-Origin")).contains(APP);
      assertThat(answer.header("Access-Control-Allow-Methods"))
          .contains("GET, HEAD, POST, PUT, PATCH, DELETE");
      assertThat(answer.header("Access-Control-Allow-Headers"))
          .contains("content-type, grpc-metadata-trace");
      assertThat(answer.header("Access-Control-Max-Age")).contains("600");
      assertThat(answer.header("Access-Control-Allow-Credentials")).isEmpty();
      assertThat(answer.header("Vary"))
          .contains("Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    }
    assertThat(echo.calls()).as("no preflight reaches the backend").isZero();
  }

  @Test
  void preflightFromAnotherOriginIs403WithoutCorsHeaders() throws Exception {
    gateway("  allowed_origins: [" + APP + "]");

    RawHttp.Response refused = preflight("/v1/echo", "https://evil.example", "POST");

    assertThat(refused.status()).isEqualTo(403);
    assertNoCorsHeaders(refused);
    assertThat(Http.json(refused.body()).get("code").asInt()).isEqualTo(7);
    assertThat(message(refused))
        .isEqualTo("CORS: origin https://evil.example is not allowed (cors.allowed_origins)");
    assertThat(echo.calls()).isZero();
  }

  @Test
  void preflightAskingForAnUnlistedMethodOrHeaderIs403NamingIt() throws Exception {
    gateway(String.join("\n", "  allowed_origins: [" + APP + "]",
        "  allowed_methods: [GET, POST]", "  allowed_headers: [content-type, x-request-id]"));

    RawHttp.Response method = preflight("/v1/echo/x", APP, "PUT");
    RawHttp.Response header = preflight("/v1/echo", APP, "POST", "content-type", "X-Secret");
    RawHttp.Response listed = preflight("/v1/echo", APP, "POST", "content-type", "X-Request-Id");

    assertThat(method.status()).isEqualTo(403);
    assertNoCorsHeaders(method);
    assertThat(message(method))
        .isEqualTo("CORS: method PUT is not allowed (cors.allowed_methods: GET, POST)");
    assertThat(header.status()).isEqualTo(403);
    assertThat(message(header))
        .isEqualTo("CORS: request header x-secret is not allowed (cors.allowed_headers)");
    assertThat(listed.status()).isEqualTo(204);
    assertThat(listed.header("Access-Control-Allow-Methods")).contains("GET, POST");
  }

  @Test
  void allowedOriginGetsTheHeadersOnAnswersAndErrors() throws Exception {
    gateway(String.join("\n", "  allowed_origins: [" + APP + "]",
        "  exposed_headers: [gangway-partial, grpc-metadata-*]"));

    RawHttp.Response ok = request("GET", "/v1/echo/hi", "Origin: " + APP);
    RawHttp.Response headers = request("GET", "/v1/headers?echo=e", "Origin: " + APP);
    RawHttp.Response notFound = request("GET", "/v1/nowhere", "Origin: " + APP);
    RawHttp.Response failed = request("GET", "/v1/echo/hi", "Origin: " + APP,
        "grpc-timeout: nonsense");

    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.header("Access-Control-Allow-Origin")).contains(APP);
    assertThat(ok.header("Vary")).contains("Origin");
    assertThat(ok.header("Access-Control-Expose-Headers")).contains("gangway-partial");
    assertThat(headers.status()).as(headers.body()).isEqualTo(200);
    assertThat(headers.header("Access-Control-Expose-Headers"))
        .as("prefixes resolve against the response's headers")
        .hasValueSatisfying(value -> assertThat(value.split(", ")).contains("gangway-partial",
            "grpc-metadata-x-echo-header", "grpc-metadata-x-echo-bin"));
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.header("Access-Control-Allow-Origin")).contains(APP);
    assertThat(failed.status()).isEqualTo(400);
    assertThat(failed.header("Access-Control-Allow-Origin")).contains(APP);
  }

  @Test
  void otherOriginsGetNoCorsHeadersButTheAnswerStillVaries() throws Exception {
    gateway("  allowed_origins: [" + APP + "]");

    RawHttp.Response other = request("GET", "/v1/echo/hi", "Origin: https://evil.example");
    RawHttp.Response none = request("GET", "/v1/echo/hi");

    assertThat(other.status()).as("CORS is the browser's to enforce").isEqualTo(200);
    assertNoCorsHeaders(other);
    assertThat(other.header("Vary")).contains("Origin");
    assertNoCorsHeaders(none);
    assertThat(none.header("Vary")).contains("Origin");
  }

  @Test
  void patternsMatchSubdomainsAndPortsOnly() throws Exception {
    gateway("  allowed_origins: ['https://*.example.com', 'http://localhost:*']");

    for (String allowed : List.of("https://a.example.com", "https://a.b.example.com",
        "http://localhost:5173", "HTTPS://A.Example.COM")) {
      assertThat(request("GET", "/v1/echo/hi", "Origin: " + allowed)
          .header("Access-Control-Allow-Origin")).as(allowed).contains(allowed);
    }
    for (String refused : List.of("https://example.com", "https://evil-example.com",
        "https://a.example.com.evil", "http://a.example.com", "http://localhost",
        "http://localhost:80x", "http://localhost.evil:80", "null")) {
      assertNoCorsHeaders(request("GET", "/v1/echo/hi", "Origin: " + refused));
      assertThat(preflight("/v1/echo", refused, "POST").status()).as(refused).isEqualTo(403);
    }
  }

  @Test
  void credentialsEchoTheOriginAndAnyOriginWithoutThemIsAStar() throws Exception {
    gateway(String.join("\n", "  allowed_origins: ['*']",
        "  routes:",
        "    - match: [" + ECHO + "Count]",
        "      allowed_origins: [" + APP + "]",
        "      allow_credentials: true",
        "      max_age: 1m"));

    RawHttp.Response any = request("GET", "/v1/echo/hi", "Origin: https://anyone.example");
    RawHttp.Response credentialed = preflight("/v1/count/3", APP, "GET");

    assertThat(any.header("Access-Control-Allow-Origin")).contains("*");
    assertThat(any.header("Vary")).as("the answer is the same for every origin").isEmpty();
    assertThat(credentialed.status()).isEqualTo(204);
    assertThat(credentialed.header("Access-Control-Allow-Origin")).contains(APP);
    assertThat(credentialed.header("Access-Control-Allow-Credentials")).contains("true");
    assertThat(credentialed.header("Access-Control-Max-Age")).contains("60");
  }

  @Test
  void perRouteRulesOverrideTheDefaultsByMethodPrefixAndComposite() throws Exception {
    gateway(String.join("\n", "  allowed_origins: [" + APP + "]",
        "  routes:",
        "    - match: [" + ECHO_SERVICE + ".*]",
        "      allowed_origins: ['https://partner.example']",
        "    - match: [" + ECHO + "Echo]",
        "      allowed_origins: []",
        "    - match: ['composite:pair']",
        "      allowed_origins: ['https://dashboard.example']"));

    assertThat(preflight("/v1/count/3", "https://partner.example", "GET").status())
        .isEqualTo(204);
    assertThat(preflight("/v1/count/3", APP, "GET").status()).isEqualTo(403);
    assertThat(preflight("/v1/pair", "https://dashboard.example", "GET").status())
        .isEqualTo(204);
    assertThat(preflight("/v1/pair", APP, "GET").status()).isEqualTo(403);
    RawHttp.Response off = preflight("/v1/echo", APP, "POST");
    assertThat(off.status()).as("CORS off for Echo: the OPTIONS goes on to routing")
        .isEqualTo(405);
    assertNoCorsHeaders(off);
    assertThat(request("GET", "/v1/nowhere", "Origin: " + APP)
        .header("Access-Control-Allow-Origin")).as("no route: the defaults").contains(APP);
  }

  @Test
  void optionsWithoutRequestMethodIsNotAPreflight() throws Exception {
    gateway("  allowed_origins: [" + APP + "]");

    RawHttp.Response plain = request("OPTIONS", "/v1/echo", "Origin: " + APP);

    assertThat(plain.status()).isEqualTo(405);
    assertThat(plain.header("Allow")).contains("POST");
    assertThat(plain.header("Access-Control-Allow-Origin")).contains(APP);
  }

  @Test
  void webSocketOriginCheckFollowsTheCorsOrigins() throws Exception {
    gateway(String.join("\n", "  allowed_origins: ['https://*.example.com']",
        "  routes:",
        "    - match: [" + ECHO + "Count]",
        "      allowed_origins: []"));

    assertThat(upgrade("/v1/chat/lobby", "https://app.example.com").status()).isEqualTo(101);
    RawHttp.Response refused = upgrade("/v1/chat/lobby", "https://evil.example");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(message(refused)).isEqualTo("WebSocket origin https://evil.example is not allowed:"
        + " only the gateway's own origin, websocket.allowed_origins and the route's"
        + " cors.allowed_origins may open WebSockets");
  }

  private RawHttp.Response upgrade(String path, String origin) throws IOException {
    try (RawHttp raw = new RawHttp(port)) {
      return raw.send(List.of("GET " + path + " HTTP/1.1", "Host: 127.0.0.1:" + port,
          "Upgrade: websocket", "Connection: Upgrade", "Origin: " + origin,
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"),
          new byte[0]).read();
    }
  }

  @Test
  void credentialsWithAnyOriginIsALoadError() throws Exception {
    echo = servers.backend("echo");

    assertThatThrownBy(() -> CompositeConfigs.load(dir,
            echo.target(), COMPOSITE + "\ncors:\n  allowed_origins: ['*']\n"
                + "  allow_credentials: true"))
        .hasMessageEndingWith("cors.allow_credentials: allow_credentials: true and"
            + " allowed_origins \"*\" do not go together (any site could read answers made with"
            + " its visitors' cookies); list the origins");
  }
}
