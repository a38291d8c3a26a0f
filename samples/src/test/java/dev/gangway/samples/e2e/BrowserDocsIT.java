package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The docs page ({@code /docs/}, Swagger UI from its webjar on the gateway's own port) in headless
 * Chromium in front of the real sample servers: it lists the sample operations from the live
 * OpenAPI document, and "Try it out" on GET /v1/shelves/{name} sends the request through the
 * gateway and shows the bookstore's answer.
 *
 * <p>Needs {@code /usr/bin/chromium}; skipped without it unless
 * {@code -Dgangway.browser.required=true} (CI), which makes it fail instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserDocsIT {
  /** Swagger UI's bundle is 1.7 MB of JavaScript: generous on a busy 2-core machine. */
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** The operation block of GET /v1/shelves/{name}, found by its path and method. */
  private static final String GET_SHELF = "[...document.querySelectorAll('.opblock-get')]"
      + ".find(o => o.querySelector('.opblock-summary-path')"
      + "?.getAttribute('data-path') === '/v1/shelves/{name}')";

  @RegisterExtension static final GatewayHarness h = GatewayHarness.extension();
  private Chromium browser;

  @BeforeAll
  void start() throws Exception {
    Chromium.assumeInstalled();
    browser = Chromium.start();
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  private BrowserTab openDocs() {
    BrowserTab tab = browser.newTab();
    tab.open(h.uri("/docs/").toString(), WAIT);
    tab.waitFor("the operations to render", "document.querySelectorAll('.opblock').length",
        n -> n.asInt() > 20, WAIT);
    return tab;
  }

  @Test
  void pageListsTheSampleOperations() {
    BrowserTab tab = openDocs();

    JsonNode paths = tab.evaluate("[...document.querySelectorAll('.opblock-summary-path')]"
        + ".map(p => p.getAttribute('data-path'))");
    List<String> listed = new ArrayList<>();
    paths.forEach(p -> listed.add(p.asText()));
    assertThat(listed).contains("/v1/shelves", "/v1/shelves/{name}",
        "/v1/shelves/{name.shelves}/books/{name.books}:archive", "/v1/products/{id}",
        "/v1/tickers/{symbol}:watch");
    assertThat(tab.evaluate("document.title").asText()).isEqualTo("Gangway");
    assertThat(tab.evaluate("document.querySelector('.info .title').textContent").asText())
        .startsWith("Gangway");
  }

  @Test
  void tryItOutCallsTheBackendThroughTheGateway() {
    BrowserTab tab = openDocs();

    tab.evaluate(GET_SHELF + ".querySelector('.opblock-summary-control').click()");
    tab.waitFor("the Try it out button", GET_SHELF + ".querySelector('.try-out__btn') !== null",
        JsonNode::asBoolean, WAIT);
    tab.evaluate(GET_SHELF + ".querySelector('.try-out__btn').click()");
    tab.waitFor("the name input", GET_SHELF + ".querySelector('input[placeholder=\"name\"]')"
        + " !== null", JsonNode::asBoolean, WAIT);
    // A React-controlled input: set the value through the native setter, then tell React.
    tab.evaluate("(() => { const input = " + GET_SHELF
        + ".querySelector('input[placeholder=\"name\"]');"
        + " Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')"
        + ".set.call(input, 'fiction');"
        + " input.dispatchEvent(new Event('input', {bubbles: true})); })()");

    // Swagger UI debounces its inputs: Execute is clicked until the request goes out (before
    // that it answers with a validation message instead).
    JsonNode body = tab.waitFor("the backend's answer", "(() => { const op = " + GET_SHELF + ";"
            + " const shown = op.querySelector('.live-responses-table .response-col_description"
            + " pre');"
            + " if (!shown) { op.querySelector('.execute').click(); return ''; }"
            + " return shown.textContent; })()",
        text -> text.asText().contains("shelves/fiction"), WAIT);
    JsonNode shown = Json.parse(body.asText());
    JsonNode direct = h.getOk("/v1/shelves/fiction");
    assertThat(shown).isEqualTo(direct);
    assertThat(tab.evaluate(GET_SHELF + ".querySelector('.live-responses-table"
        + " .response .response-col_status').textContent").asText().trim()).isEqualTo("200");
  }
}
