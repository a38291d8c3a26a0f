package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.Code;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin listener with every sample backend behind the gateway: health, readiness, the route
 * table (every annotated sample route with the backend that serves it), status, and explain for
 * matched, wrong-method and unknown requests.
 */
class AdminIT {
  private static final String BOOKSTORE = "gangway.samples.bookstore.v1.Bookstore/";
  private static final String CATALOG = "gangway.samples.catalog.v1.Catalog/";
  private static final String PRICING = "gangway.samples.pricing.v1.Pricing/";
  private static final String REVIEWS = "gangway.samples.reviews.v1.Reviews/";
  private static final String DIAGNOSTICS = "gangway.samples.diagnostics.v1.Diagnostics/";
  private static final String LIVE = "gangway.samples.live.v1.Live/";

  @RegisterExtension static final GatewayHarness h = GatewayHarness.extension();

  @Test
  void healthzAnswersOk() {
    JsonNode body = Json.ok(h.admin("/healthz"));

    assertThat(body.path("status").asText()).isEqualTo("ok");
  }

  @Test
  void readyzIsReadyWithEveryBackendConnectable() {
    HttpResponse<String> ready =
        Poll.until("readiness", () -> h.admin("/readyz"), r -> r.statusCode() == 200);

    JsonNode body = Json.ok(ready);
    assertThat(body.path("status").asText()).isEqualTo("ready");
    assertThat(body.path("generation").asLong()).isEqualTo(1);
    assertThat(body.path("routes").asInt()).isEqualTo(54);
    assertThat(Json.MAPPER.convertValue(body.path("backends"), java.util.Map.class).keySet())
        .containsExactlyInAnyOrder(
            "bookstore", "catalog", "pricing", "reviews", "diagnostics", "live");
  }

  @Test
  void routesListEveryAnnotatedSampleRouteWithItsBackend() {
    JsonNode body = Json.ok(h.admin("/admin/routes"));

    List<Tuple> annotated = new ArrayList<>();
    for (JsonNode route : body.path("routes")) {
      if (route.path("origin").asText().equals("annotation")) {
        annotated.add(tuple(route.path("httpMethod").asText(), route.path("template").asText(),
            route.path("grpcMethod").asText(), route.path("backend").asText()));
      }
    }
    assertThat(annotated).containsExactlyInAnyOrder(
        tuple("GET", "/v1/shelves", BOOKSTORE + "ListShelves", "bookstore"),
        tuple("POST", "/v1/shelves", BOOKSTORE + "CreateShelf", "bookstore"),
        tuple("GET", "/v1/{name=shelves/*}", BOOKSTORE + "GetShelf", "bookstore"),
        tuple("DELETE", "/v1/{name=shelves/*}", BOOKSTORE + "DeleteShelf", "bookstore"),
        tuple("GET", "/v1/{parent=shelves/*}/books", BOOKSTORE + "ListBooks", "bookstore"),
        tuple("POST", "/v1/{parent=shelves/*}/books", BOOKSTORE + "CreateBook", "bookstore"),
        tuple("GET", "/v1/{name=shelves/*/books/*}", BOOKSTORE + "GetBook", "bookstore"),
        tuple("PATCH", "/v1/{book.name=shelves/*/books/*}", BOOKSTORE + "UpdateBook",
            "bookstore"),
        tuple("DELETE", "/v1/{name=shelves/*/books/*}", BOOKSTORE + "DeleteBook", "bookstore"),
        tuple("POST", "/v1/{name=shelves/*/books/*}:archive", BOOKSTORE + "ArchiveBook",
            "bookstore"),
        tuple("GET", "/v1/products/{id}", CATALOG + "GetProduct", "catalog"),
        tuple("GET", "/v1/products", CATALOG + "ListProducts", "catalog"),
        tuple("GET", "/v1/prices/{product_id}", PRICING + "GetPrice", "pricing"),
        tuple("POST", "/v1/prices:batchGet", PRICING + "BatchGetPrices", "pricing"),
        tuple("GET", "/v1/products/{product_id}/reviews", REVIEWS + "ListReviews", "reviews"),
        tuple("GET", "/v1/sellers/{id}", REVIEWS + "GetSeller", "reviews"),
        tuple("GET", "/v1/users/{id}", REVIEWS + "GetUser", "reviews"),
        tuple("POST", "/v1/diagnostics:echo", DIAGNOSTICS + "Echo", "diagnostics"),
        tuple("GET", "/v1/diagnostics/sleep", DIAGNOSTICS + "Sleep", "diagnostics"),
        tuple("GET", "/v1/diagnostics/fail", DIAGNOSTICS + "Fail", "diagnostics"),
        tuple("GET", "/v1/diagnostics/whoami", DIAGNOSTICS + "WhoAmI", "diagnostics"),
        tuple("GET", "/v1/diagnostics/items", DIAGNOSTICS + "ListItems", "diagnostics"),
        tuple("GET", "/v1/diagnostics/items/{id}", DIAGNOSTICS + "GetItem", "diagnostics"),
        tuple("GET", "/v1/diagnostics/ticks", DIAGNOSTICS + "Ticks", "diagnostics"),
        tuple("GET", "/v1/tickers/{symbol}:watch", LIVE + "WatchTicker", "live"),
        tuple("POST", "/v1/tickers:record", LIVE + "RecordQuotes", "live"),
        tuple("POST", "/v1/rooms/{room}/messages:chat", LIVE + "Chat", "live"));
    assertThat(body.path("conflicts")).isEmpty();
    assertThat(body.path("problems")).isEmpty();
  }

  @Test
  void routesMarkStreamingAndAutoMappedRoutes() {
    JsonNode routes = Json.ok(h.admin("/admin/routes")).path("routes");

    assertThat(find(routes, "/v1/diagnostics/ticks").path("streaming").asText())
        .isEqualTo("server");
    JsonNode auto = find(routes, "/gangway.samples.bookstore.v1.Bookstore/ListShelves");
    assertThat(auto.path("origin").asText()).isEqualTo("auto_mapping");
    assertThat(auto.path("httpMethod").asText()).isEqualTo("POST");
    assertThat(auto.path("backend").asText()).isEqualTo("bookstore");
  }

  @Test
  void statusShowsTheServingSnapshotAndWatch() {
    JsonNode body = Json.ok(h.admin("/admin/status"));

    assertThat(body.path("generation").asLong()).isEqualTo(1);
    assertThat(body.path("routes").asInt()).isEqualTo(54);
    assertThat(Json.MAPPER.convertValue(body.path("descriptorSources"), String[].class))
        .containsExactly(h.descriptorDir().resolve("samples.binpb").toString());
    assertThat(body.path("problems")).isEmpty();
    assertThat(body.path("watch").path("enabled").asBoolean()).isTrue();
    assertThat(body.path("watch").path("pollInterval").asText()).isEqualTo("200ms");
    assertThat(body.path("reloads").path("lastAttemptFailed").asBoolean()).isFalse();
    assertThat(body.path("backends").has("bookstore")).isTrue();
  }

  @Test
  void explainsABookstorePathWithVariablesAndQuery() {
    String target = "/v1/shelves/fiction/books?filter=read%3Dtrue&colour=red";

    JsonNode body = Json.ok(h.admin("/admin/explain?method=GET&path=" + Net.encode(target)));

    assertThat(body.path("result").asText()).isEqualTo("matched");
    assertThat(body.path("route").path("grpcMethod").asText()).isEqualTo(BOOKSTORE + "ListBooks");
    assertThat(body.path("route").path("backend").asText()).isEqualTo("bookstore");
    assertThat(body.path("pathVariables").path("parent").asText()).isEqualTo("shelves/fiction");
    JsonNode query = body.path("queryParameters");
    assertThat(Json.texts(query, "name")).containsExactly("filter", "colour");
    assertThat(Json.texts(query, "outcome")).containsExactly("accepted", "rejected");
  }

  @Test
  void explainsWrongMethodAndUnknownPath() {
    JsonNode wrong = Json.ok(
        h.admin("/admin/explain?method=PUT&path=" + Net.encode("/v1/shelves/fiction")));
    assertThat(wrong.path("result").asText()).isEqualTo("methodNotAllowed");
    assertThat(Json.MAPPER.convertValue(wrong.path("allowed"), String[].class))
        .containsExactly("DELETE", "GET");

    JsonNode unknown = Json.ok(h.admin("/admin/explain?path=" + Net.encode("/v2/nothing")));
    assertThat(unknown.path("result").asText()).isEqualTo("notFound");
  }

  @Test
  void adminErrorsAreStatusBodies() {
    Json.error(h.admin("/admin/nothing"), 404, Code.NOT_FOUND);
    Json.error(h.admin("/admin/explain"), 400, Code.INVALID_ARGUMENT);

    HttpResponse<String> post = h.send(HttpRequest.newBuilder(h.adminUri("/healthz"))
        .timeout(GatewayHarness.REQUEST_TIMEOUT)
        .POST(HttpRequest.BodyPublishers.noBody())
        .build());
    Json.error(post, 405, Code.UNIMPLEMENTED);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
  }

  private static JsonNode find(JsonNode routes, String template) {
    for (JsonNode route : routes) {
      if (route.path("template").asText().equals(template)) {
        return route;
      }
    }
    throw new AssertionError("no route " + template + " in " + routes);
  }
}
