package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Catalog, Pricing and Reviews (reviews, sellers, users) routes through the gateway: path
 * variables, query binding (category, currency, page size and token by proto and JSON name), a
 * {@code body: "*"} batch with a repeated field, and the proto3 JSON forms of the answers (int64
 * as strings, timestamps, doubles, repeated strings).
 */
class CatalogPricingReviewsIT {
  @RegisterExtension static final GatewayHarness h = GatewayHarness.extension();

  @Test
  void getsProductById() {
    JsonNode product = h.getOk("/v1/products/p-100");

    assertThat(product.path("id").asText()).isEqualTo("p-100");
    assertThat(product.path("name").asText()).isEqualTo("Stovetop Kettle");
    assertThat(product.path("sellerId").asText()).isEqualTo("s-1");
    assertThat(product.path("category").asText()).isEqualTo("kitchen");
    assertThat(Json.MAPPER.convertValue(product.path("tags"), String[].class))
        .containsExactly("steel", "tea");
  }

  @Test
  void listsProductsOfOneCategoryFromTheQuery() {
    JsonNode body = h.getOk("/v1/products?category=kitchen");

    assertThat(Json.texts(body.path("products"), "id")).containsExactly("p-100", "p-300");
  }

  @Test
  void pagesThroughProducts() {
    JsonNode first = h.getOk("/v1/products?page_size=3");
    assertThat(Json.texts(first.path("products"), "id")).containsExactly("p-100", "p-200", "p-300");
    String token = first.path("nextPageToken").asText();
    assertThat(token).isNotEmpty();

    JsonNode second = h.getOk("/v1/products?page_size=3&page_token=" + Net.encode(token));

    assertThat(Json.texts(second.path("products"), "id")).containsExactly("p-400");
    assertThat(second.has("nextPageToken")).isFalse();
  }

  @Test
  void getsPriceInDefaultCurrencyWithInt64AsString() {
    JsonNode price = h.getOk("/v1/prices/p-100");

    assertThat(price.path("productId").asText()).isEqualTo("p-100");
    assertThat(price.path("currency").asText()).isEqualTo("USD");
    // proto3 JSON writes int64 as a string.
    assertThat(price.path("amountMicros").isTextual()).isTrue();
    assertThat(price.path("amountMicros").asText()).isEqualTo("34990000");
    assertThat(price.path("validUntil").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:00:00Z");
  }

  @Test
  void currencyQueryParameterConverts() {
    JsonNode price = h.getOk("/v1/prices/p-100?currency=EUR");

    assertThat(price.path("currency").asText()).isEqualTo("EUR");
    assertThat(price.path("amountMicros").asText()).isEqualTo("32190800");
  }

  @Test
  void batchGetTakesTheWholeBodyAndKeepsRequestOrder() {
    JsonNode body = Json.ok(h.send("POST", "/v1/prices:batchGet",
        "{\"productIds\":[\"p-300\",\"p-100\"],\"currency\":\"GBP\"}"));

    assertThat(Json.texts(body.path("prices"), "productId")).containsExactly("p-300", "p-100");
    assertThat(Json.texts(body.path("prices"), "amountMicros"))
        .containsExactly("70705000", "27642100");
    assertThat(Json.texts(body.path("prices"), "currency")).containsOnly("GBP");
  }

  @Test
  void listsReviewsNewestFirstAndPagesByJsonName() {
    JsonNode all = h.getOk("/v1/products/p-100/reviews");
    assertThat(Json.texts(all.path("reviews"), "id")).containsExactly("r-3", "r-2", "r-1");
    assertThat(all.path("reviews").get(0).path("rating").asInt()).isEqualTo(2);
    assertThat(all.path("reviews").get(0).path("createTime").asText())
        .isEqualTo("2024-04-20T09:00:00Z");

    JsonNode first = h.getOk("/v1/products/p-100/reviews?pageSize=2");
    assertThat(Json.texts(first.path("reviews"), "id")).containsExactly("r-3", "r-2");
    JsonNode rest = h.getOk("/v1/products/p-100/reviews?pageSize=2&pageToken="
        + Net.encode(first.path("nextPageToken").asText()));
    assertThat(Json.texts(rest.path("reviews"), "id")).containsExactly("r-1");
  }

  @Test
  void productWithoutReviewsHasAnEmptyList() {
    JsonNode body = h.getOk("/v1/products/p-400/reviews");

    // An empty repeated field is a default value: not printed.
    assertThat(body.has("reviews")).isFalse();
  }

  @Test
  void getsSellerWithComputedRatings() {
    JsonNode seller = h.getOk("/v1/sellers/s-1");

    assertThat(seller.path("displayName").asText()).isEqualTo("Acme Kitchenware");
    assertThat(seller.path("reviewCount").asInt()).isEqualTo(4);
    assertThat(seller.path("averageRating").asDouble()).isEqualTo(4.0);
    assertThat(seller.path("joinTime").asText()).isEqualTo("2019-03-01T00:00:00Z");
  }

  @Test
  void getsAReviewAuthorById() {
    JsonNode user = h.getOk("/v1/users/u-alice");

    assertThat(user.path("id").asText()).isEqualTo("u-alice");
    assertThat(user.path("displayName").asText()).isEqualTo("Alice Archer");
    assertThat(user.path("reviewCount").asInt()).isEqualTo(1);
    assertThat(user.path("joinTime").asText()).isEqualTo("2018-05-04T00:00:00Z");
  }
}
