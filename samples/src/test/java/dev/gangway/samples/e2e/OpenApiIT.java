package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live OpenAPI document of the sample services and the demo's composites, as a partner reads
 * it from the gateway: valid OpenAPI 3.1 (swagger-parser), the sample operations with their
 * comments and field behaviors, composites with their response shapes, and rebuilt by a
 * descriptor reload.
 */
class OpenApiIT {
  @RegisterExtension
  static final GatewayHarness h = GatewayHarness.extension(GatewayHarness.Builder::withComposites);

  static List<String> problems(String json) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
    assertThat(result.getOpenAPI()).as("parsed").isNotNull();
    return result.getMessages() == null ? List.of() : result.getMessages();
  }

  private static JsonNode document() {
    return Json.parse(h.get("/openapi.json").body());
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void sampleDocumentIsValidOpenApi31() {
    HttpResponse<String> response = h.get("/openapi.json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(problems(response.body())).isEmpty();
  }

  @Test
  void listsTheBookstoreOperationsWithTheirComments() {
    JsonNode paths = document().get("paths");

    assertThat(names(paths)).contains(
        "/v1/shelves",
        "/v1/shelves/{name}",
        "/v1/shelves/{parent}/books",
        "/v1/shelves/{name.shelves}/books/{name.books}",
        "/v1/shelves/{name.shelves}/books/{name.books}:archive");
    JsonNode shelf = paths.get("/v1/shelves/{name}");
    assertThat(names(shelf)).containsExactly("get", "delete");
    assertThat(shelf.get("get").get("summary").asText()).isEqualTo("Returns one shelf.");
    assertThat(shelf.get("delete").get("operationId").asText()).isEqualTo("Bookstore_DeleteShelf");
    JsonNode update = paths.get("/v1/shelves/{name.shelves}/books/{name.books}").get("patch");
    assertThat(update.get("x-gangway-grpc-method").asText())
        .isEqualTo("gangway.samples.bookstore.v1.Bookstore/UpdateBook");
    assertThat(update.get("parameters").findValuesAsText("name"))
        .contains("name.shelves", "name.books", "updateMask");
    assertThat(update.get("parameters").get(0).get("description").asText())
        .contains("Sets `book.name` to the text that matches `shelves/*/books/*`");
  }

  @Test
  void schemasCarryFieldBehaviorsAndProto3JsonForms() {
    JsonNode book = document().get("components").get("schemas")
        .get("gangway.samples.bookstore.v1.Book");

    assertThat(book.get("required").toString()).isEqualTo("[\"title\"]");
    assertThat(book.get("properties").get("createTime").get("readOnly").asBoolean()).isTrue();
    assertThat(book.get("properties").get("createTime").get("format").asText())
        .isEqualTo("date-time");
    assertThat(book.get("properties").get("publicationYear").get("type").asText())
        .isEqualTo("integer");
    assertThat(book.get("properties").get("state").get("$ref").asText())
        .isEqualTo("#/components/schemas/gangway.samples.bookstore.v1.Book.State");
  }

  @Test
  void streamingRoutesAreMarked() {
    JsonNode paths = document().get("paths");

    List<String> streaming = new ArrayList<>();
    paths.forEach(path -> path.forEach(op -> {
      if (op.has("x-gangway-streaming")) {
        streaming.add(op.get("x-gangway-grpc-method").asText() + " "
            + op.get("x-gangway-streaming").asText());
      }
    }));
    assertThat(streaming).contains(
        "gangway.samples.diagnostics.v1.Diagnostics/Ticks server",
        "gangway.samples.live.v1.Live/Chat bidi");
  }

  @Test
  void compositesHaveTheirResponseShape() {
    JsonNode doc = document();
    JsonNode seller = doc.get("paths").get("/v1/e2e/product-sellers/{id}").get("get");

    assertThat(seller.get("tags").toString()).isEqualTo("[\"composites\"]");
    assertThat(seller.get("x-gangway-composite").asText()).isEqualTo("e2e_product_seller");
    JsonNode schema = seller.get("responses").get("200").get("content").get("application/json")
        .get("schema");
    assertThat(schema.get("properties").get("product").get("$ref").asText())
        .isEqualTo("#/components/schemas/gangway.samples.catalog.v1.Product");
    assertThat(schema.get("properties").get("seller").get("$ref").asText())
        .isEqualTo("#/components/schemas/gangway.samples.reviews.v1.Seller");
    JsonNode fanOut = doc.get("paths").get("/v1/e2e/item-pages").get("get").get("responses")
        .get("200").get("content").get("application/json").get("schema");
    assertThat(fanOut.toString()).contains("\"type\":\"array\"");
  }

  @Test
  void aDescriptorReloadRebuildsTheDocument() throws Exception {
    String before = h.get("/openapi.json").body();
    Files.write(h.descriptorDir().resolve("hot.binpb"),
        HotDescriptors.withGetRoute("/v1/hot/{note}"));

    JsonNode after = Poll.until("the hot route in the document",
        () -> Json.parse(h.get("/openapi.json").body()),
        doc -> doc.get("paths").has("/v1/hot/{note}"));

    assertThat(after.get("paths").get("/v1/hot/{note}").get("get").get("operationId").asText())
        .isEqualTo("Hot_Ping");
    Files.delete(h.descriptorDir().resolve("hot.binpb"));
    String restored = Poll.until("the hot route gone",
        () -> h.get("/openapi.json").body(), body -> !body.contains("/v1/hot/"));
    assertThat(restored).as("the same descriptors give the same bytes").isEqualTo(before);
  }
}
