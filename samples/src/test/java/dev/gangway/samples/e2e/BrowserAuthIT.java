package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing in from a browser: a page served by the gateway obtains a token from a test issuer (a
 * real HTTP server on another origin, signing RS256 JWTs with a key made here), then calls a
 * protected route with {@code Authorization: Bearer} and opens a protected WebSocket with the
 * token in {@code access_token} (browsers cannot set headers on WebSocket openings). Without the
 * token both are refused.
 *
 * <p>Needs {@code /usr/bin/chromium}; skipped without it unless
 * {@code -Dgangway.browser.required=true} (CI), which makes it fail instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserAuthIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String AUDIENCE = "gangway-demo";

  /** The page: helpers the test calls through DevTools, each resolving to a string. */
  private static final String PAGE = String.join("\n",
      "<!doctype html><html><head><meta charset=\"utf-8\"><title>sign in</title></head><body>",
      "<p id=\"who\">signed out</p>",
      "<script>",
      "async function signIn(issuer, user) {",
      "  const r = await fetch(issuer + '/token?user=' + encodeURIComponent(user));",
      "  const body = await r.json();",
      "  window.token = body.access_token;",
      "  document.getElementById('who').textContent = 'signed in as ' + user;",
      "  return r.status;",
      "}",
      "async function shelves() {",
      "  const headers = window.token ? {Authorization: 'Bearer ' + window.token} : {};",
      "  const r = await fetch('/v1/shelves', {headers});",
      "  return r.status + ' ' + (await r.text());",
      "}",
      "function chat(room, user, text) {",
      "  return new Promise((resolve) => {",
      "    const query = window.token ? '?access_token=' + encodeURIComponent(window.token) : '';",
      "    const ws = new WebSocket('ws://' + location.host + '/v1/rooms/' + room",
      "        + '/messages:chat' + query);",
      "    const events = [];",
      "    ws.onopen = () => { ws.send(JSON.stringify({user})); ws.send(JSON.stringify({text})); };",
      "    ws.onmessage = (m) => {",
      "      events.push(JSON.parse(m.data));",
      "      if (events.some(e => e.kind === 'MESSAGE')) { ws.close(); }",
      "    };",
      "    ws.onclose = (c) => resolve(JSON.stringify({code: c.code, events}));",
      "  });",
      "}",
      "</script></body></html>");

  private HttpServer issuer;
  private GatewayHarness h;
  private Chromium browser;
  private BrowserTab tab;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Chromium.assumeInstalled();
    RSAKey key = new RSAKeyGenerator(2048).keyID("demo-1").keyUse(KeyUse.SIGNATURE).generate();
    issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String issuerUrl = "http://127.0.0.1:" + issuer.getAddress().getPort();
    issuer.createContext("/token", exchange -> {
      String query = exchange.getRequestURI().getRawQuery();
      String user = URLDecoder.decode(query.substring(query.indexOf('=') + 1),
          StandardCharsets.UTF_8);
      byte[] body = Json.MAPPER.writeValueAsBytes(
          Map.of("access_token", token(key, issuerUrl, user)));
      // The page is on the gateway's origin: this cross-origin answer must allow it.
      exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    issuer.start();

    Path web = Files.createDirectories(dir.resolve("web"));
    Files.writeString(web.resolve("signin.html"), PAGE);
    Path jwks = Files.writeString(dir.resolve("jwks.json"),
        new JWKSet(key.toPublicJWK()).toString(true));
    String access = String.join("\n",
            "auth:",
            "  providers:",
            "    - name: demo-issuer",
            "      jwt:",
            "        issuer: " + issuerUrl,
            "        audiences: [" + AUDIENCE + "]",
            "        jwks_file: " + jwks,
            "        query: access_token",
            "access:",
            "  routes:",
            "    - match: [gangway.samples.bookstore.v1.Bookstore.*, gangway.samples.live.v1.Live.*]",
            "      require: {provider: demo-issuer}");
    h = GatewayHarness.startOwn(options ->
        options.env(Map.of("DEMO_WEB", web.toString())).appendYaml(access));
    browser = Chromium.start();
    tab = browser.newTab();
    tab.open(h.uri("/demo/signin.html").toString(), WAIT);
    this.issuerUrl = issuerUrl;
  }

  private String issuerUrl;

  private static String token(RSAKey key, String issuer, String user) {
    try {
      Instant now = Instant.now();
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
          .keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
          new JWTClaimsSet.Builder().issuer(issuer).audience(AUDIENCE).subject(user)
              .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
              .build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
      if (issuer != null) {
        issuer.stop(0);
      }
    } finally {
      if (h != null) {
        h.close();
      }
    }
  }

  @Test
  void aSignedInPageCallsAProtectedRouteAndAProtectedWebSocket() throws Exception {
    tab.evaluate("window.token = undefined");
    assertThat(tab.evaluate("shelves()").asText()).startsWith("401 ")
        .contains("provider demo-issuer: no credentials");
    JsonNode refused = Json.MAPPER.readTree(tab.evaluate("chat('signin', 'alice', 'hi')").asText());
    assertThat(refused.get("code").asInt()).as("the handshake is refused").isEqualTo(1006);
    assertThat(refused.get("events")).isEmpty();

    assertThat(tab.evaluate("signIn(" + Json.MAPPER.valueToTree(issuerUrl) + ", 'alice')")
        .asInt()).isEqualTo(200);
    assertThat(tab.evaluate("document.getElementById('who').textContent").asText())
        .isEqualTo("signed in as alice");

    assertThat(tab.evaluate("shelves()").asText()).startsWith("200 ").contains("shelves");
    JsonNode chat = Json.MAPPER.readTree(tab.evaluate("chat('signin', 'alice', 'hi')").asText());
    assertThat(chat.toString()).contains("\"kind\":\"MESSAGE\"").contains("\"text\":\"hi\"");
  }
}
