package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.samples.diagnostics.DiagnosticsProbe.Event;
import dev.gangway.samples.diagnostics.DiagnosticsProbe.Kind;
import dev.gangway.samples.diagnostics.DiagnosticsProbe;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Composite routes through the real gateway and the sample servers, without artificial delays:
 * the demo's product page on the seeded data, a call that reads its predecessor's result, a
 * fan-out with a concurrency limit, an optional call that fails, and the admin listing.
 */
class CompositionIT {
  private static final String PARTIAL = "Gangway-Partial";

  @RegisterExtension static final GatewayHarness h = GatewayHarness.extension(options -> options.withComposites());

  @Test
  void demoProductPageShowsTheSeededProductWithPriceReviewsAuthorsAndSeller() {
    HttpResponse<String> response = h.get("/v1/product-pages/p-100");
    JsonNode page = Json.ok(response);

    assertThat(response.headers().firstValue(PARTIAL)).isEmpty();
    assertThat(page.path("product").path("id").asText()).isEqualTo("p-100");
    assertThat(page.path("product").path("name").asText()).isEqualTo("Stovetop Kettle");
    assertThat(page.path("price").path("productId").asText()).isEqualTo("p-100");
    assertThat(page.path("price").path("currency").asText()).isEqualTo("USD");
    assertThat(page.path("price").path("amountMicros").asText()).isEqualTo("34990000");
    assertThat(Json.texts(page.path("reviews"), "id")).containsExactly("r-3", "r-2", "r-1");
    // One author per review, in review order.
    assertThat(Json.texts(page.path("reviews"), "authorId"))
        .containsExactly("u-carol", "u-bob", "u-alice");
    assertThat(Json.texts(page.path("review_authors"), "id"))
        .containsExactly("u-carol", "u-bob", "u-alice");
    assertThat(Json.texts(page.path("review_authors"), "displayName"))
        .containsExactly("Carol Cooper", "Bob Baker", "Alice Archer");
    assertThat(page.path("seller").path("id").asText()).isEqualTo("s-1");
    assertThat(page.path("seller").path("displayName").asText()).isEqualTo("Acme Kitchenware");
  }

  @Test
  void demoProductPagePassesTheCurrencyQueryToThePriceCall() {
    JsonNode page = h.getOk("/v1/product-pages/p-100?currency=EUR");

    assertThat(page.path("price").path("currency").asText()).isEqualTo("EUR");
    assertThat(page.path("product").path("id").asText()).isEqualTo("p-100");
  }

  @Test
  void dependentCallReceivesTheSellerIdOfItsPredecessor() {
    // Two products with different sellers, so that a constant could not pass.
    JsonNode p200 = h.getOk("/v1/e2e/product-sellers/p-200");
    JsonNode p300 = h.getOk("/v1/e2e/product-sellers/p-300");

    assertThat(p200.path("product").path("sellerId").asText()).isEqualTo("s-2");
    assertThat(p200.path("seller").path("id").asText()).isEqualTo("s-2");
    assertThat(p200.path("seller").path("displayName").asText())
        .isEqualTo("Globex Home & Office");
    assertThat(p300.path("product").path("sellerId").asText()).isEqualTo("s-1");
    assertThat(p300.path("seller").path("id").asText()).isEqualTo("s-1");
  }

  @Test
  void fanOutOverTwentyItemsKeepsFourInFlightAndTheListOrder() {
    DiagnosticsProbe probe = h.samples().diagnostics();
    int completed = probe.count(Event.GET_ITEM_COMPLETED);
    probe.resetMaxInFlight();

    JsonNode page = h.getOk("/v1/e2e/item-pages?count=20&delay_millis=50");

    List<String> expected = IntStream.range(0, 20).mapToObj(i -> "item-" + i).toList();
    assertThat(Json.texts(page.path("items"), "id")).containsExactlyElementsOf(expected);
    assertThat(Json.texts(page.path("items"), "instance")).containsOnly(GatewayHarness.INSTANCE);
    assertThat(probe.count(Event.GET_ITEM_COMPLETED) - completed).isEqualTo(20);
    assertThat(probe.maxInFlight(Kind.GET_ITEM))
        .as("GetItem calls in flight at once with concurrency 4").isEqualTo(4);
  }

  @Test
  void fanOutResultsKeepTheListOrderWhenTheCallsFinishInReverse() {
    DiagnosticsProbe probe = h.samples().diagnostics();
    int completed = probe.count(Event.GET_ITEM_COMPLETED);
    // Books list in name order; each element call waits its book's year in ms, so book "a"
    // (200 ms) finishes last and book "d" (50 ms) first.
    Json.ok(h.send("POST", "/v1/shelves?shelf_id=order", "{\"theme\": \"Order\"}"));
    List<Integer> years = List.of(200, 150, 100, 50);
    for (int i = 0; i < years.size(); i++) {
      Json.ok(h.send("POST", "/v1/shelves/order/books?book_id=" + (char) ('a' + i),
          "{\"title\": \"T\", \"publicationYear\": " + years.get(i) + "}"));
    }

    JsonNode page = h.getOk("/v1/e2e/book-items/order");

    assertThat(Json.texts(page.path("items"), "id"))
        .containsExactly("item-200", "item-150", "item-100", "item-50");
    assertThat(probe.count(Event.GET_ITEM_COMPLETED) - completed).isEqualTo(4);
  }

  @Test
  void fanOutOverAnEmptyListIsAnEmptyArrayWithoutCalls() {
    DiagnosticsProbe probe = h.samples().diagnostics();
    int started = probe.count(Event.GET_ITEM_STARTED);

    JsonNode page = h.getOk("/v1/e2e/item-pages?count=0&delay_millis=50");

    assertThat(page.path("items").isArray()).as("items in %s", page).isTrue();
    assertThat(page.path("items")).isEmpty();
    assertThat(probe.count(Event.GET_ITEM_STARTED)).isEqualTo(started);
  }

  @Test
  void optionalCallFailingIs200WithItsPartNullAndNamedInGangwayPartial() {
    // p-400 has no price: Pricing answers NOT_FOUND, and price is optional on the product page.
    HttpResponse<String> response = h.get("/v1/product-pages/p-400");
    JsonNode page = Json.ok(response);

    assertThat(response.headers().allValues(PARTIAL)).containsExactly("price");
    assertThat(page.has("price")).as("price member in %s", page).isTrue();
    assertThat(page.path("price").isNull()).as("price in %s", page).isTrue();
    assertThat(page.path("product").path("name").asText()).isEqualTo("A5 Notebook");
    assertThat(page.path("seller").path("id").asText()).isEqualTo("s-2");
    // No reviews is an empty list, not a missing part.
    assertThat(page.path("reviews")).isEmpty();
    assertThat(page.path("review_authors")).isEmpty();
  }

  @Test
  void adminRoutesListTheCompositesWithTheirCalls() {
    JsonNode body = Json.ok(h.admin("/admin/routes"));

    List<String> names = new ArrayList<>();
    JsonNode productPage = null;
    for (JsonNode composite : body.path("composites")) {
      names.add(composite.path("name").asText());
      if (composite.path("name").asText().equals("product_page")) {
        productPage = composite;
      }
    }
    assertThat(names).containsExactly("product_page", "product_summary", "e2e_summary",
        "e2e_product_seller", "e2e_items_fan_out", "e2e_parallel_sleeps", "e2e_deadline",
        "e2e_book_items");
    assertThat(productPage).isNotNull();
    assertThat(productPage.path("httpMethod").asText()).isEqualTo("GET");
    assertThat(productPage.path("template").asText()).isEqualTo("/v1/product-pages/{id}");
    assertThat(productPage.path("timeout").asText()).isEqualTo("2s");
    List<org.assertj.core.groups.Tuple> calls = new ArrayList<>();
    for (JsonNode call : productPage.path("calls")) {
      calls.add(tuple(call.path("name").asText(), call.path("method").asText(),
          call.path("backend").asText(), Json.texts(call.path("dependsOn")),
          call.hasNonNull("forEach") ? call.path("forEach").asText() : null,
          call.path("optional").asBoolean()));
    }
    assertThat(calls).containsExactly(
        tuple("product", "gangway.samples.catalog.v1.Catalog/GetProduct", "catalog", List.of(),
            null, false),
        tuple("price", "gangway.samples.pricing.v1.Pricing/GetPrice", "pricing", List.of(),
            null, true),
        tuple("reviews", "gangway.samples.reviews.v1.Reviews/ListReviews", "reviews", List.of(),
            null, true),
        tuple("authors", "gangway.samples.reviews.v1.Reviews/GetUser", "reviews",
            List.of("reviews"), "reviews.reviews", true),
        tuple("seller", "gangway.samples.reviews.v1.Reviews/GetSeller", "reviews",
            List.of("product"), null, false));
    // The price call's own cap.
    assertThat(productPage.path("calls").get(1).path("timeout").asText()).isEqualTo("500ms");
  }
}
