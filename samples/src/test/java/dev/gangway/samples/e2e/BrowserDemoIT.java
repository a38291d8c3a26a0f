package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.samples.support.CallProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo page in a real browser (headless Chromium over the DevTools protocol), served by the
 * gateway from {@code samples/demo/web} in front of the real sample servers: two tabs chat in one
 * room over WebSocket, and the ticker box shows quotes read with fetch() as NDJSON.
 *
 * <p>Needs {@code /usr/bin/chromium}; skipped without it unless
 * {@code -Dgangway.browser.required=true} (CI), which makes it fail instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserDemoIT {
  /** Page loads, WebSocket handshakes and JavaScript on a busy 2-core machine. */
  private static final Duration WAIT = Duration.ofSeconds(20);
  /** Every line of the message list as "KIND|user|text". */
  private static final String LINES = "[...document.querySelectorAll('#messages li')]"
      + ".map(li => li.dataset.kind + '|' + li.dataset.user + '|' + li.dataset.text)";

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

  private String page() {
    return h.uri("/demo/chat.html").toString();
  }

  private BrowserTab openPage() {
    BrowserTab tab = browser.newTab();
    tab.open(page(), WAIT);
    return tab;
  }

  private static String js(String text) {
    return Json.MAPPER.valueToTree(text).toString();
  }

  private void join(BrowserTab tab, String room, String user) {
    tab.evaluate("document.getElementById('room').value = " + js(room) + ";"
        + "document.getElementById('user').value = " + js(user) + ";"
        + "document.getElementById('join').click()");
    tab.waitFor(user + " to be in the room",
        "!document.getElementById('send').disabled", JsonNode::asBoolean, WAIT);
  }

  private static List<String> lines(JsonNode array) {
    List<String> lines = new ArrayList<>();
    array.forEach(line -> lines.add(line.asText()));
    return lines;
  }

  private static JsonNode linesContaining(BrowserTab tab, String who, String line) {
    return tab.waitFor(who + "'s tab to show " + line, LINES,
        value -> lines(value).contains(line), WAIT);
  }

  @Test
  void twoTabsChatInOneRoom() {
    BrowserTab alice = openPage();
    BrowserTab bob = openPage();
    join(alice, "browser-room", "alice");
    linesContaining(alice, "alice", "JOINED|alice|");
    join(bob, "browser-room", "bob");
    linesContaining(alice, "alice", "JOINED|bob|");

    alice.evaluate("document.getElementById('text').value = 'hello from alice';"
        + "document.getElementById('send').click()");

    List<String> aliceSees =
        lines(linesContaining(alice, "alice", "MESSAGE|alice|hello from alice"));
    List<String> bobSees = lines(linesContaining(bob, "bob", "MESSAGE|alice|hello from alice"));
    assertThat(aliceSees).containsExactly(
        "JOINED|alice|", "JOINED|bob|", "MESSAGE|alice|hello from alice");
    assertThat(bobSees).containsExactly("JOINED|bob|", "MESSAGE|alice|hello from alice");
    assertThat(bob.evaluate("document.querySelector('#messages li').textContent").asText())
        .isEqualTo("bob joined (here: alice, bob)");

    bob.evaluate("document.getElementById('leave').click()");

    linesContaining(alice, "alice", "LEFT|bob|");
    assertThat(bob.waitFor("bob's socket to close",
        "document.getElementById('chat-status').textContent",
        status -> status.asText().startsWith("Disconnected"), WAIT).asText())
        .isEqualTo("Disconnected (1000 OK).");
  }

  @Test
  void tickerBoxShowsQuotesAsTheyArrive() throws Exception {
    CallProbe watches = h.samples().live().watches();
    int cancelled = watches.count(CallProbe.Phase.CANCELLED);
    BrowserTab tab = openPage();

    tab.evaluate("document.getElementById('symbol').value = 'acme';"
        + "document.getElementById('interval').value = '100';"
        + "document.getElementById('watch').click()");

    JsonNode sequences = tab.waitFor("three quotes in the ticker box",
        "[...document.querySelectorAll('#quotes li')].map(li => Number(li.dataset.sequence))",
        value -> value.size() >= 3, WAIT);
    assertThat(sequences.get(0).asInt()).as("newest first")
        .isGreaterThan(sequences.get(1).asInt());
    assertThat(tab.evaluate("document.getElementById('price').textContent").asText())
        .startsWith("ACME ");
    assertThat(tab.evaluate("document.getElementById('ticker-status').textContent").asText())
        .isEqualTo("Watching ACME.");

    tab.evaluate("document.getElementById('stop').click()");

    tab.waitFor("the ticker to stop", "document.getElementById('ticker-status').textContent",
        status -> status.asText().equals("Stopped."), WAIT);
    assertThat(watches.await(CallProbe.Phase.CANCELLED, cancelled + 1, WAIT))
        .as("the aborted fetch cancels the backend's stream").isTrue();
  }
}
