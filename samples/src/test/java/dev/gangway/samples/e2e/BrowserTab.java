package dev.gangway.samples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * One browser tab, driven through its DevTools session: navigate, run JavaScript, wait for what
 * the page shows.
 *
 * <p>Thread-safe as {@link DevTools} is; a test usually drives one tab from one thread.
 */
final class BrowserTab {
  private final DevTools devTools;
  private final String sessionId;

  BrowserTab(DevTools devTools, String sessionId) {
    this.devTools = devTools;
    this.sessionId = sessionId;
  }

  /** Opens {@code url} and waits until its document has loaded (scripts included). */
  void open(String url, Duration timeout) {
    devTools.send(sessionId, "Page.navigate", DevTools.params().put("url", url));
    String loaded = "location.href === " + Json.MAPPER.valueToTree(url)
        + " && document.readyState === 'complete'";
    waitFor("the page " + url + " to load", loaded, JsonNode::asBoolean, timeout);
  }

  /**
   * The value of a JavaScript expression, awaited when it is a promise and returned as JSON.
   *
   * @throws IllegalStateException when the expression throws
   */
  JsonNode evaluate(String expression) {
    JsonNode result = devTools.send(sessionId, "Runtime.evaluate", DevTools.params()
        .put("expression", expression)
        .put("awaitPromise", true)
        .put("returnByValue", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException(expression + " threw: "
          + result.path("exceptionDetails").path("exception").path("description").asText(
              result.path("exceptionDetails").toString()));
    }
    return result.path("result").path("value");
  }

  /** Evaluates {@code expression} until {@code done} accepts its value, and returns it. */
  JsonNode waitFor(String what, String expression, Predicate<JsonNode> done, Duration timeout) {
    return Poll.until(what + " (" + expression + ")", timeout, () -> evaluate(expression), done);
  }
}
