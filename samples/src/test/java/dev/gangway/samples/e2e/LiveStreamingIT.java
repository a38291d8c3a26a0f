package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.Code;
import dev.gangway.samples.support.CallProbe;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Live sample's streaming routes over plain HTTP through the real gateway: the ticker as
 * NDJSON (arriving line by line while the stream is still open) and as Server-Sent Events, and
 * quote recording from an NDJSON upload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveStreamingIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension static final GatewayHarness h = GatewayHarness.extension();

  @Test
  void tickerQuotesArriveAsNdjsonLinesWhileTheStreamIsOpen() throws Exception {
    CallProbe watches = h.samples().live().watches();
    int cancelled = watches.count(CallProbe.Phase.CANCELLED);
    // No count: the stream never ends by itself, so every line read arrived incrementally.
    HttpResponse<Stream<String>> response = h.http.send(
        h.request("/v1/tickers/acme:watch?interval_ms=20").GET().build(),
        HttpResponse.BodyHandlers.ofLines());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
    List<JsonNode> quotes = new ArrayList<>();
    try (Stream<String> lines = response.body()) {
      Iterator<String> it = lines.iterator();
      while (quotes.size() < 3) {
        quotes.add(Json.parse(it.next()));
      }
    }

    assertThat(quotes).extracting(q -> q.path("sequence").asText()).containsExactly("1", "2", "3");
    assertThat(quotes).extracting(q -> q.path("symbol").asText()).containsOnly("ACME");
    assertThat(quotes).allSatisfy(q -> {
      assertThat(q.path("price").isNumber()).as("price in %s", q).isTrue();
      assertThat(q.path("time").asText()).as("time in %s", q).endsWith("Z");
    });
    assertThat(watches.await(CallProbe.Phase.CANCELLED, cancelled + 1, WAIT))
        .as("closing the response cancels the backend's stream").isTrue();
  }

  @Test
  void aCountedTickerEndsAfterItsLastQuote() {
    HttpResponse<String> response = h.get("/v1/tickers/XYZ:watch?count=3");

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> lines = response.body().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines).extracting(line -> Json.parse(line).path("sequence").asText())
        .containsExactly("1", "2", "3");
    assertThat(response.body()).endsWith("}\n");
  }

  @Test
  void tickerSpeaksServerSentEventsWhenAsked() {
    HttpResponse<String> response = h.send(h.request("/v1/tickers/ACME:watch?count=2")
        .header("Accept", "text/event-stream").GET().build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
    String[] events = response.body().split("\n\n", -1);
    assertThat(events).as(response.body()).hasSize(3);
    assertThat(events[2]).as("the body ends with a blank line").isEmpty();
    for (int i = 0; i < 2; i++) {
      assertThat(events[i]).startsWith("data: ").doesNotContain("\n");
      JsonNode quote = Json.parse(events[i].substring("data: ".length()));
      assertThat(quote.path("sequence").asText()).isEqualTo(String.valueOf(i + 1));
      assertThat(quote.path("symbol").asText()).isEqualTo("ACME");
    }
  }

  @Test
  void aBadTickerRequestIsAnOrdinaryErrorResponse() {
    JsonNode status = Json.error(h.get("/v1/tickers/ACME:watch?count=-1"), 400,
        Code.INVALID_ARGUMENT);

    assertThat(status.path("message").asText())
        .isEqualTo("count: must be between 0 and 1000000, got -1");
  }

  private HttpResponse<String> record(String ndjson) {
    return h.send(h.request("/v1/tickers:record")
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString(ndjson))
        .build());
  }

  @Test
  void recordTakesNdjsonQuotesAndAnswersASummary() {
    JsonNode summary = Json.ok(record("{\"symbol\":\"acme\",\"price\":10}\n"
        + "\n"
        + "{\"symbol\":\"XYZ\",\"price\":3.5}\n"
        + "{\"symbol\":\"ACME\",\"price\":12.25}"));

    assertThat(summary).isEqualTo(Json.parse("{\"count\":3,\"symbols\":["
        + "{\"symbol\":\"ACME\",\"count\":2,\"first\":10.0,\"last\":12.25,\"low\":10.0,\"high\":12.25},"
        + "{\"symbol\":\"XYZ\",\"count\":1,\"first\":3.5,\"last\":3.5,\"low\":3.5,\"high\":3.5}"
        + "]}"));
  }

  @Test
  void recordOfAnEmptyBodyCountsNothing() {
    assertThat(Json.ok(record(""))).isEqualTo(Json.parse("{}"));
  }

  @Test
  void aQuoteTheBackendRefusesFailsTheUploadNamingIt() {
    JsonNode status = Json.error(record("{\"symbol\":\"ACME\",\"price\":1}\n"
        + "{\"symbol\":\"ACME\",\"price\":-2}\n"), 400, Code.INVALID_ARGUMENT);

    assertThat(status.path("message").asText())
        .isEqualTo("quote 2: price: must be more than 0, got -2.0");
  }

  @Test
  void aLineThatDoesNotBindFailsTheUploadNamingTheLine() {
    JsonNode status = Json.error(record("{\"symbol\":\"ACME\",\"price\":1}\n"
        + "{\"symbol\":\"ACME\",\"colour\":\"red\"}\n"), 400, Code.INVALID_ARGUMENT);

    assertThat(status.path("message").asText()).startsWith("line 2: ").contains("colour");
  }

  @Test
  void aLineThatIsNotJsonFailsTheUploadNamingTheLine() {
    JsonNode status = Json.error(record("{\"symbol\":\"ACME\",\"price\":1}\n"
        + "{\"symbol\":\n"), 400, Code.INVALID_ARGUMENT);

    assertThat(status.path("message").asText()).startsWith("line 2: ");
  }

  @Test
  void aLongUploadCountsEveryLine() {
    StringBuilder body = new StringBuilder();
    for (int i = 1; i <= 2000; i++) {
      body.append("{\"symbol\":\"S").append(i % 7).append("\",\"price\":").append(i).append("}\n");
    }

    JsonNode summary = Json.ok(record(body.toString()));

    assertThat(summary.path("count").asInt()).isEqualTo(2000);
    assertThat(summary.path("symbols")).hasSize(7);
  }
}
