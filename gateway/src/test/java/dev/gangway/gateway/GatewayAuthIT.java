package dev.gangway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.gangway.gateway.auth.ApiKeyAuthenticator;
import dev.gangway.gateway.testing.AccessConfigs;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.JwksServer;
import dev.gangway.gateway.testing.TestIssuer;
import dev.gangway.gateway.testing.TestServers;
import dev.gangway.gateway.testing.WsClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-route authentication end to end: a real gateway, a real echo backend, real tokens signed
 * with keys made here and a JWKS served over HTTPS by a test server. Every refusal is checked to
 * have reached no backend. The issuer's keys and the JWKS server (keytool's certificate) are made
 * once per class; each test gets its own gateway and backend, and starts from the issuer's
 * original keys and a JWKS URL that answers.
 */
class GatewayAuthIT {
  static final String API_KEY = "acme-key-0123456789";

  @TempDir static Path shared;
  private static TestIssuer issuer;
  private static JwksServer jwks;

  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path dir;

  private EchoBackend echo;
  private GatewayServer gateway;
  private Http http;

  @BeforeAll
  static void keys() throws Exception {
    issuer = new TestIssuer();
    jwks = JwksServer.start(issuer, shared);
  }

  @AfterAll
  static void stopJwks() {
    jwks.close();
  }

  @BeforeEach
  void start() throws Exception {
    // Undo what a test before may have done: rotated keys, a failing JWKS URL.
    issuer.publish(issuer.rsa(), issuer.ec());
    jwks.failing(false);
    echo = servers.backend("echo");
    gateway = servers.own(GatewayServer.start(AccessConfigs.source(
        AccessConfigs.write(dir, echo.target(), config(jwks)))));
    http = new Http(gateway.httpPort());
  }

  static String config(JwksServer jwks) {
    return String.join("\n",
        "headers: {forward: [x-gangway-consumer]}",
        "auth:",
        "  providers:",
        "    - name: corp",
        "      jwt:",
        "        issuer: " + TestIssuer.ISSUER,
        "        audiences: [" + TestIssuer.AUDIENCE + "]",
        "        jwks_url: " + jwks.url(),
        "        jwks_ca: " + jwks.caFile(),
        "        jwks_min_refresh: 1ms",
        "        clock_skew: 5s",
        "        query: access_token",
        "        cookie: session",
        "    - name: partners",
        "      api_keys:",
        "        header: x-api-key",
        "        query: api_key",
        "        keys:",
        "          - {consumer: acme, sha256: " + ApiKeyAuthenticator.hash(API_KEY) + "}",
        "  identity:",
        "    claims: {tenant: x-tenant}",
        "access:",
        "  default:",
        "    require: {provider: corp}",
        "  routes:",
        "    - match: [gangway.gwtest.v1.EchoService.Echo]",
        "      require:",
        "        any_of:",
        "          - {provider: corp, scopes: [echo]}",
        "          - {provider: partners}",
        "    - match: [gangway.gwtest.v1.EchoService.Slow]",
        "      require: public",
        "    - match: [gangway.gwtest.v1.EchoService.Fail]",
        "      require: {provider: corp, claims: {tenant: blue}}",
        "composites:",
        "  - name: both",
        "    method: GET",
        "    path: /v1/both",
        "    calls:",
        "      plain: {method: gangway.gwtest.v1.EchoService.Headers, request: {echo: a}}",
        "      listed:",
        "        method: gangway.gwtest.v1.EchoService.Headers",
        "        request: {echo: b}",
        "        headers: [x-gangway-consumer, x-other]");
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  @Test
  void aRequestWithoutCredentialsIs401WithABearerChallengeAndNeverReachesTheBackend() {
    HttpResponse<String> response = http.get("/v1/headers");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues("WWW-Authenticate"))
        .containsExactly("Bearer realm=\"gangway\"");
    JsonNode body = Http.json(response.body());
    assertThat(body.get("code").asInt()).isEqualTo(16);
    assertThat(body.get("message").asText()).isEqualTo("unauthenticated: provider corp: no"
        + " credentials (send Authorization: Bearer <token> or query parameter access_token or"
        + " cookie session)");
    assertThat(echo.calls()).isZero();
  }

  @Test
  void rsaAndEcTokensReachTheBackendWithTheIdentityAsMetadata() {
    for (String token : List.of(
        issuer.rs256(TestIssuer.claims("alice").claim("tenant", "blue").build()),
        issuer.es256(TestIssuer.claims("alice").claim("tenant", "blue").build()))) {
      HttpResponse<String> response = http.get("/v1/headers", "Authorization", bearer(token));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode received = Http.json(response.body()).get("received");
      assertThat(received.get("x-gangway-consumer").asText()).isEqualTo("alice");
      assertThat(received.get("x-gangway-subject").asText()).isEqualTo("alice");
      assertThat(received.get("x-gangway-provider").asText()).isEqualTo("corp");
      assertThat(received.get("x-tenant").asText()).isEqualTo("blue");
    }
    assertThat(echo.calls()).isEqualTo(2);
  }

  @Test
  void clientCopiesOfTheIdentityNamesAreStripped() {
    HttpResponse<String> response = http.get("/v1/headers",
        "Authorization", bearer(issuer.token("alice")),
        "x-gangway-consumer", "mallory",
        "Grpc-Metadata-x-gangway-subject", "mallory",
        "Grpc-Metadata-x-tenant", "red");

    JsonNode received = Http.json(response.body()).get("received");
    assertThat(received.get("x-gangway-consumer").asText()).isEqualTo("alice");
    assertThat(received.get("x-gangway-subject").asText()).isEqualTo("alice");
    assertThat(received.has("x-tenant")).isFalse();
  }

  @Test
  void aPublicRouteNeedsNoCredentialsButStillStripsIdentityNames() {
    HttpResponse<String> response =
        http.post("/v1/slow", "{\"tag\": \"public\"}", "x-gangway-consumer", "mallory");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(echo.calls()).isEqualTo(1);
  }

  @TestFactory
  List<DynamicTest> everyBadTokenIsRefusedWithInvalidToken() {
    Instant now = Instant.now();
    Map<String, String[]> cases = new LinkedHashMap<>();
    cases.put("expired", new String[] {issuer.rs256(TestIssuer.claims("alice")
        .expirationTime(Date.from(now.minusSeconds(60))).build()), "token expired (exp)"});
    cases.put("not yet valid", new String[] {issuer.rs256(TestIssuer.claims("alice")
        .notBeforeTime(Date.from(now.plusSeconds(120))).build()), "token not yet valid (nbf)"});
    cases.put("issued in the future", new String[] {issuer.rs256(TestIssuer.claims("alice")
        .issueTime(Date.from(now.plusSeconds(120))).build()), "token issued in the future (iat)"});
    cases.put("wrong audience", new String[] {issuer.rs256(TestIssuer.claims("alice")
        .audience("someone-else").build()), "token audience not accepted (aud)"});
    cases.put("wrong issuer", new String[] {issuer.rs256(TestIssuer.claims("alice")
        .issuer("https://evil.test").build()), "token issuer not accepted (iss)"});
    cases.put("unknown kid", new String[] {TestIssuer.sign(TestIssuer.newRsaKey("stranger"),
        JWSAlgorithm.RS256, TestIssuer.claims("alice").build()),
        "no key of the provider matches the token's key id and algorithm"});
    cases.put("alg none", new String[] {TestIssuer.unsigned(TestIssuer.claims("alice").build()),
        "unsigned token (alg none) is not accepted"});
    cases.put("HS256 with the public key", new String[] {issuer.hs256WithPublicKey(
        TestIssuer.claims("alice").build()),
        "token algorithm HS256 is not accepted (accepted: RS256, ES256, PS256, EdDSA)"});
    cases.put("tampered", new String[] {issuer.tampered(TestIssuer.claims("alice").build(),
        "sub", "admin"), "invalid signature"});
    cases.put("malformed", new String[] {"not.a.token", "malformed token"});
    return cases.entrySet().stream().map(c -> DynamicTest.dynamicTest(c.getKey(), () -> {
      String token = c.getValue()[0];
      HttpResponse<String> response = http.get("/v1/headers", "Authorization", bearer(token));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
      String message = "provider corp: " + c.getValue()[1];
      assertThat(Http.json(response.body()).get("message").asText())
          .isEqualTo("unauthenticated: " + message);
      assertThat(response.headers().firstValue("WWW-Authenticate")).contains(
          "Bearer realm=\"gangway\", error=\"invalid_token\", error_description=\""
              + message.replace('"', '\'') + "\"");
      assertThat(response.body()).doesNotContain(token);
      assertThat(echo.calls()).isZero();
    })).toList();
  }

  @Test
  void aTokenWithoutTheScopeIs403InsufficientScope() {
    HttpResponse<String> response =
        http.get("/v1/echo/hi", "Authorization", bearer(issuer.token("alice", "other")));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(Http.json(response.body()).get("message").asText())
        .isEqualTo("permission denied: provider corp: missing scope echo");
    assertThat(response.headers().firstValue("WWW-Authenticate")).contains(
        "Bearer realm=\"gangway\", error=\"insufficient_scope\", error_description=\"provider"
            + " corp: missing scope echo\", scope=\"echo\"");
    assertThat(echo.calls()).isZero();
  }

  @Test
  void aClaimRequirementIs403WhenTheClaimDiffers() {
    HttpResponse<String> response = http.post("/v1/fail", "{}", "Authorization",
        bearer(issuer.rs256(TestIssuer.claims("alice").claim("tenant", "red").build())));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(Http.json(response.body()).get("message").asText())
        .isEqualTo("permission denied: provider corp: claim tenant must be blue");
    assertThat(echo.calls()).isZero();
  }

  @Test
  void anyOfAcceptsAScopedTokenOrAnApiKeyInHeaderOrQuery() {
    assertThat(http.get("/v1/echo/a", "Authorization", bearer(issuer.token("alice", "echo")))
        .statusCode()).isEqualTo(200);
    assertThat(http.get("/v1/echo/b", "x-api-key", API_KEY).statusCode()).isEqualTo(200);
    assertThat(http.get("/v1/echo/c?api_key=" + API_KEY).statusCode()).isEqualTo(200);
    assertThat(echo.calls()).isEqualTo(3);
  }

  @Test
  void anUnknownApiKeyIs401NamingBothOptionsWithBothChallenges() {
    HttpResponse<String> response = http.get("/v1/echo/a", "x-api-key", "guessed");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response.body()).get("message").asText()).isEqualTo(
        "unauthenticated: none of the accepted credentials: provider corp: no credentials (send"
            + " Authorization: Bearer <token> or query parameter access_token or cookie session);"
            + " provider partners: unknown API key");
    assertThat(response.headers().allValues("WWW-Authenticate"))
        .containsExactly("Bearer realm=\"gangway\"", "ApiKey realm=\"gangway\"");
    assertThat(response.body()).doesNotContain("guessed");
    assertThat(echo.calls()).isZero();
  }

  @Test
  void theApiKeyIdentityReachesTheBackend() {
    HttpResponse<String> response = http.get("/v1/echo/a", "x-api-key", API_KEY);

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void tokensInTheQueryOrACookieWork() {
    String token = issuer.token("alice");
    assertThat(http.get("/v1/headers?access_token=" + token).statusCode()).isEqualTo(200);
    assertThat(http.get("/v1/headers", "Cookie", "session=" + token).statusCode()).isEqualTo(200);
  }

  @Test
  void serverStreamsAreProtected() {
    assertThat(http.get("/v1/count/2").statusCode()).isEqualTo(401);
    assertThat(echo.calls()).isZero();
    HttpResponse<String> ok = http.get("/v1/count/2", "Authorization", bearer(issuer.token("a")));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("\"text\"");
  }

  @Test
  void webSocketsAreProtectedAndTakeATokenFromTheQuery() throws Exception {
    Throwable refused = WsClient.refused(gateway.httpPort(), "/v1/chat/lobby");
    assertThat(refused).isInstanceOf(WebSocketHandshakeException.class);
    assertThat(((WebSocketHandshakeException) refused).getResponse().statusCode()).isEqualTo(401);
    assertThat(echo.calls()).isZero();

    try (WsClient ws = WsClient.connect(gateway.httpPort(),
        "/v1/chat/lobby?access_token=" + issuer.token("alice"))) {
      ws.send("{\"text\":\"hello\"}");
      assertThat(ws.next().text()).contains("hello");
    }
  }

  @Test
  void compositeCallsAllCarryTheIdentityWhateverTheirHeadersList() {
    HttpResponse<String> refused = http.get("/v1/both");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(echo.calls()).isZero();

    HttpResponse<String> response = http.get("/v1/both",
        "Authorization", bearer(issuer.token("alice")), "x-gangway-consumer", "mallory");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = Http.json(response.body());
    for (String call : List.of("plain", "listed")) {
      JsonNode received = body.get(call).get("received");
      assertThat(received.get("x-gangway-consumer").asText()).as(call).isEqualTo("alice");
      assertThat(received.get("x-gangway-provider").asText()).as(call).isEqualTo("corp");
    }
  }

  @Test
  void aKeyPublishedWhileServingIsFetchedOnItsFirstToken() throws Exception {
    RSAKey rotated = TestIssuer.newRsaKey("rsa-2");
    String token = TestIssuer.sign(rotated, JWSAlgorithm.RS256, TestIssuer.claims("bob").build());
    assertThat(http.get("/v1/headers", "Authorization", bearer(token)).statusCode())
        .isEqualTo(401);

    issuer.publish(rotated, issuer.ec());
    Await.until("the rotated key to be accepted", () ->
        http.get("/v1/headers", "Authorization", bearer(token)).statusCode() == 200,
        () -> jwks.fetches() + " fetches");

    // The key that was rotated out stops working once the gateway has fetched the new set.
    assertThat(http.get("/v1/headers", "Authorization", bearer(issuer.token("alice")))
        .statusCode()).isEqualTo(401);
  }

  @Test
  void keysAreServedStaleWhileTheJwksUrlIsDown() throws Exception {
    Await.until("the first keys", () -> http.get("/v1/headers", "Authorization",
        bearer(issuer.token("alice"))).statusCode() == 200, () -> jwks.fetches() + " fetches");
    jwks.failing(true);
    int before = jwks.fetches();
    // An unknown kid forces a fetch, which fails: the known keys keep working.
    http.get("/v1/headers", "Authorization", bearer(TestIssuer.sign(TestIssuer.newRsaKey("x"),
        JWSAlgorithm.RS256, TestIssuer.claims("eve").build())));
    assertThat(jwks.fetches()).isGreaterThan(before);

    assertThat(http.get("/v1/headers", "Authorization", bearer(issuer.token("alice")))
        .statusCode()).isEqualTo(200);
    Http admin = new Http(gateway.adminPort().orElseThrow());
    Await.until("readyz to mention the stale keys",
        () -> admin.get("/readyz").body().contains("serves stale keys"),
        () -> admin.get("/readyz").body());
    assertThat(admin.get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void aJwksUrlThatNeverAnsweredMakesTheGatewayNotReady(@TempDir Path other) throws Exception {
    jwks.failing(true);
    GatewayServer second = servers.own(GatewayServer.start(AccessConfigs.source(
        AccessConfigs.write(other, echo.target(), config(jwks)))));
    Http admin = new Http(second.adminPort().orElseThrow());

    Await.until("readyz to report the missing keys",
        () -> admin.get("/readyz").body().contains("has no keys yet"),
        () -> admin.get("/readyz").body());
    assertThat(admin.get("/readyz").statusCode()).isEqualTo(503);
    HttpResponse<String> refused = new Http(second.httpPort())
        .get("/v1/headers", "Authorization", bearer(issuer.token("alice")));
    assertThat(Http.json(refused.body()).get("message").asText()).isEqualTo(
        "unauthenticated: provider corp: the provider's signing keys are not available yet");

    jwks.failing(false);
    Await.until("the keys to load on demand", () -> new Http(second.httpPort())
        .get("/v1/headers", "Authorization", bearer(issuer.token("alice"))).statusCode() == 200,
        () -> admin.get("/readyz").body());
    assertThat(admin.get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void adminRoutesShowEachRoutesRequirementAndExplainSaysWhetherHeadersMeetIt()
      throws Exception {
    // The JWKS URL's first fetch runs in the background: explain says "undecided" before it.
    Await.until("the first keys", () -> http.get("/v1/headers", "Authorization",
        bearer(issuer.token("alice"))).statusCode() == 200, () -> jwks.fetches() + " fetches");
    Http admin = new Http(gateway.adminPort().orElseThrow());
    JsonNode routes = Http.json(admin.get("/admin/routes").body());
    JsonNode echoRoute = null;
    for (JsonNode route : routes.get("routes")) {
      if (route.get("template").asText().equals("/v1/echo/{text}")) {
        echoRoute = route;
      }
    }
    assertThat(echoRoute.get("access").get("rule").asText()).isEqualTo("access.routes[0]");
    assertThat(echoRoute.get("access").get("require").asText())
        .isEqualTo("any_of(jwt corp [scopes: echo], api_key partners)");
    assertThat(routes.get("composites").get(0).get("access").get("require").asText())
        .isEqualTo("jwt corp");

    JsonNode met = Http.json(admin.get("/admin/explain?method=GET&path=/v1/echo/a&header="
        + java.net.URLEncoder.encode("x-api-key: " + API_KEY, java.nio.charset.StandardCharsets.UTF_8))
        .body()).get("access");
    assertThat(met.get("verdict").asText()).isEqualTo("met");
    assertThat(met.get("identity").get("consumer").asText()).isEqualTo("acme");

    JsonNode scope = Http.json(admin.get("/admin/explain?method=GET&path=/v1/echo/a&header="
        + java.net.URLEncoder.encode("Authorization: Bearer " + issuer.token("alice"),
            java.nio.charset.StandardCharsets.UTF_8)).body()).get("access");
    assertThat(scope.get("verdict").asText()).isEqualTo("missed");
    assertThat(scope.get("status").asInt()).isEqualTo(403);
    assertThat(scope.get("message").asText())
        .isEqualTo("permission denied: provider corp: missing scope echo");

    JsonNode none = Http.json(admin.get("/admin/explain?path=/v1/headers").body()).get("access");
    assertThat(none.get("status").asInt()).isEqualTo(401);
    assertThat(echo.calls()).as("only the await's call").isEqualTo(1);
  }

  @Test
  void apiKeysRotateByReload() throws Exception {
    String next = "acme-key-rotated-42";
    AccessConfigs.write(dir, echo.target(), config(jwks)
        .replace(ApiKeyAuthenticator.hash(API_KEY), ApiKeyAuthenticator.hash(next)));

    assertThat(gateway.reloadNow().swapped()).isTrue();

    assertThat(http.get("/v1/echo/a", "x-api-key", API_KEY).statusCode()).isEqualTo(401);
    assertThat(http.get("/v1/echo/a", "x-api-key", next).statusCode()).isEqualTo(200);
  }
}
