package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * CORS in a real browser: a page on one origin (a plain HTTP server on 127.0.0.1) calls the
 * gateway on another (127.0.0.1, another port) with {@code fetch}: a simple GET, a JSON POST
 * with a custom header and a PATCH (both preflighted), with credentials, reading an exposed
 * header. The same page loaded from {@code localhost} (another origin, not listed) is refused by
 * the browser, the preflighted call included.
 *
 * <p>Needs {@code /usr/bin/chromium}; skipped without it unless
 * {@code -Dgangway.browser.required=true} (CI), which makes it fail instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserCorsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** The page: helpers the test calls through DevTools, each resolving to a string. */
  private static final String PAGE = String.join("\n",
      "<!doctype html><html><head><meta charset=\"utf-8\"><title>app</title></head><body>",
      "<script>",
      "async function call(url, init) {",
      "  try {",
      "    const r = await fetch(url, init);",
      "    return JSON.stringify({status: r.status, body: await r.text(),",
      "        diag: r.headers.get('grpc-metadata-x-diag-header')});",
      "  } catch (e) {",
      "    return JSON.stringify({error: String(e)});",
      "  }",
      "}",
      "function shelves(gw) { return call(gw + '/v1/shelves', {credentials: 'include'}); }",
      "function echo(gw) {",
      "  return call(gw + '/v1/diagnostics:echo', {method: 'POST',",
      "      headers: {'Content-Type': 'application/json', 'X-Request-Id': 'from-the-page'},",
      "      body: JSON.stringify({message: 'hello'})});",
      "}",
      "async function lifecycle(gw) {",
      "  const json = {'Content-Type': 'application/json', 'X-Request-Id': 'lifecycle'};",
      "  await call(gw + '/v1/shelves?shelf_id=cors', {method: 'POST', headers: json,",
      "      body: JSON.stringify({theme: 'CORS'})});",
      "  await call(gw + '/v1/shelves/cors/books?bookId=b1', {method: 'POST', headers: json,",
      "      body: JSON.stringify({title: 'Kindred'})});",
      "  return call(gw + '/v1/shelves/cors/books/b1?update_mask=read', {method: 'PATCH',",
      "      headers: json, body: JSON.stringify({read: true})});",
      "}",
      "</script></body></html>");

  private HttpServer pages;
  private GatewayHarness h;
  private Chromium browser;
  private String gateway;
  private int pagePort;

  @BeforeAll
  void start() throws Exception {
    Chromium.assumeInstalled();
    pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pages.createContext("/app.html", exchange -> {
      byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    pages.start();
    pagePort = pages.getAddress().getPort();
    h = GatewayHarness.startOwn(options -> options.appendYaml(String.join("\n",
        "cors:",
        "  allowed_origins: ['http://127.0.0.1:" + pagePort + "']",
        "  allowed_headers: [content-type, x-request-id]",
        "  allow_credentials: true")));
    gateway = "http://127.0.0.1:" + h.gateway().httpPort();
    browser = Chromium.start();
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
      if (pages != null) {
        pages.stop(0);
      }
    } finally {
      if (h != null) {
        h.close();
      }
    }
  }

  private BrowserTab page(String host) {
    BrowserTab tab = browser.newTab();
    tab.open("http://" + host + ":" + pagePort + "/app.html", WAIT);
    return tab;
  }

  private JsonNode call(BrowserTab tab, String function) throws Exception {
    return Json.MAPPER.readTree(
        tab.evaluate(function + "(" + Json.MAPPER.valueToTree(gateway) + ")").asText());
  }

  @Test
  void anAllowedOriginCallsTheGatewayWithSimpleAndPreflightedRequests() throws Exception {
    BrowserTab tab = page("127.0.0.1");

    JsonNode shelves = call(tab, "shelves");
    assertThat(shelves.path("status").asInt()).as(shelves.toString()).isEqualTo(200);
    assertThat(shelves.path("body").asText()).contains("shelves");

    JsonNode echo = call(tab, "echo");
    assertThat(echo.path("status").asInt()).as(echo.toString()).isEqualTo(200);
    JsonNode received = Json.MAPPER.readTree(echo.path("body").asText());
    assertThat(received.path("request").path("message").asText()).isEqualTo("hello");
    assertThat(received.path("metadata").path("x-request-id").path("values").get(0).asText())
        .as("the custom header the preflight allowed reached the backend")
        .isEqualTo("from-the-page");
    assertThat(echo.path("diag").asText()).as("an exposed response header").isEqualTo("h");

    JsonNode patched = call(tab, "lifecycle");
    assertThat(patched.path("status").asInt()).as(patched.toString()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(patched.path("body").asText()).path("read").asBoolean())
        .isTrue();
  }

  @Test
  void aPageOnAnotherOriginIsRefusedByTheBrowser() throws Exception {
    BrowserTab tab = page("localhost");

    JsonNode shelves = call(tab, "shelves");
    JsonNode echo = call(tab, "echo");

    assertThat(shelves.path("error").asText()).as(shelves.toString()).contains("Failed to fetch");
    assertThat(echo.path("error").asText()).as(echo.toString()).contains("Failed to fetch");
  }
}
