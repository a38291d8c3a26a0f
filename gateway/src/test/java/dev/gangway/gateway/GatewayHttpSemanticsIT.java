package dev.gangway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.config.CliOverrides;
import dev.gangway.gateway.config.ConfigLoader;
import dev.gangway.gateway.reload.ReloadResult;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestDocuments;
import dev.gangway.gateway.testing.TestServers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP semantics per binding ({@code routes} entries) against a real backend that keeps entity
 * tags: 201 with {@code Location} and {@code ETag} from response fields, 204 without a body,
 * {@code If-Match} and {@code If-None-Match} bound to request fields, 304 for a matching
 * {@code If-None-Match}, backend metadata as plain headers, and a PATCH without
 * {@code update_mask} getting the mask of its body's keys.
 */
class GatewayHttpSemanticsIT {
  private static final String ROUTES = String.join("\n",
      "routes:",
      "  - method: gangway.gwtest.v1.Documents.CreateDocument",
      "    status: 201",
      "    location: /v1/{name}",
      "    etag: etag",
      "    response_headers: [x-document-version]",
      "  - method: gangway.gwtest.v1.Documents.GetDocument",
      "    etag: etag",
      "    if_none_match: if_none_match",
      "    response_headers: [x-if-none-match]",
      "  - method: gangway.gwtest.v1.Documents.UpdateDocument",
      "    etag: etag",
      "    if_match: etag",
      "  - method: gangway.gwtest.v1.Documents.DeleteDocument",
      "    status: 204",
      "    if_match: etag");

  private static final Path DOCUMENTS =
      Path.of("target/test-descriptors-documents/documents.binpb");

  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path dir;

  private Path config;
  private TestDocuments documents;
  private GatewayServer gateway;
  private Http http;

  @BeforeEach
  void start() throws Exception {
    documents = servers.own(new TestDocuments());
    config = dir.resolve("gangway.yaml");
    write(ROUTES);
    gateway = servers.own(GatewayServer.start(
        new ConfigLoader(Optional.of(config), CliOverrides.NONE, name -> null)));
    http = new Http(gateway.httpPort());
    HttpResponse<String> created = http.post("/v1/documents?document_id=d1",
        "{\"title\":\"Draft\",\"body\":\"text\",\"author\":{\"name\":\"Ann\",\"email\":\"a@x\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  private void write(String... more) throws Exception {
    Files.writeString(config, String.join("\n",
        "server: {bind: 127.0.0.1, port: 0, io_threads: 2}",
        "admin: {port: -1}",
        "descriptors: {paths: ['" + DOCUMENTS.toAbsolutePath() + "'], watch: false}",
        "backends:",
        "  - {name: docs, services: [gangway.gwtest.v1.Documents], target: '"
            + documents.target() + "'}",
        String.join("\n", more),
        ""));
  }

  private HttpResponse<String> send(String method, String path, String json, String... headers) {
    HttpRequest.Builder request = http.request(path).method(method, json == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build());
  }

  private static List<String> textList(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  @Test
  void createAnswers201WithLocationEtagAndMetadataHeader() {
    HttpResponse<String> created = http.post("/v1/documents?document_id=d2", "{\"title\":\"T\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/v1/documents/d2");
    assertThat(created.headers().firstValue("ETag")).hasValue("\"v1\"");
    assertThat(created.headers().firstValue("x-document-version")).hasValue("1");
    assertThat(created.headers().firstValue("Grpc-Metadata-x-document-version")).hasValue("1");
    assertThat(Http.json(created.body()).get("name").asText()).isEqualTo("documents/d2");
  }

  @Test
  void ifNoneMatchIsBoundToTheRequestFieldAndAMatchingTagIs304() {
    HttpResponse<String> stale = http.get("/v1/documents/d1", "If-None-Match", "W/\"v0\"");
    HttpResponse<String> current = http.get("/v1/documents/d1", "If-None-Match", "\"v1\"");
    HttpResponse<String> plain = http.get("/v1/documents/d1");

    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(stale.headers().firstValue("x-if-none-match")).hasValue("[v0]");
    assertThat(stale.headers().firstValue("ETag")).hasValue("\"v1\"");
    assertThat(current.statusCode()).isEqualTo(304);
    assertThat(current.body()).isEmpty();
    assertThat(current.headers().firstValue("ETag")).hasValue("\"v1\"");
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("x-if-none-match")).hasValue("[]");
  }

  @Test
  void patchWithoutUpdateMaskGetsTheMaskOfItsBodyKeys() {
    HttpResponse<String> patched = send("PATCH", "/v1/documents/d1",
        "{\"title\":\"Final\",\"author\":{\"email\":\"ann@example.com\"}}");

    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    JsonNode doc = Http.json(patched.body());
    assertThat(textList(doc.get("lastUpdateMask"))).containsExactly("title", "author.email");
    assertThat(doc.get("title").asText()).isEqualTo("Final");
    assertThat(doc.get("body").asText()).as("not in the body, not changed").isEqualTo("text");
    assertThat(doc.get("author").get("name").asText()).isEqualTo("Ann");
    assertThat(doc.get("author").get("email").asText()).isEqualTo("ann@example.com");
  }

  @Test
  void aMaskInTheQueryIsLeftAsItIs() {
    HttpResponse<String> patched = send("PATCH", "/v1/documents/d1?updateMask=body",
        "{\"title\":\"ignored\",\"body\":\"new\"}");

    JsonNode doc = Http.json(patched.body());
    assertThat(textList(doc.get("lastUpdateMask"))).containsExactly("body");
    assertThat(doc.get("title").asText()).isEqualTo("Draft");
  }

  @Test
  void ifMatchIsBoundToTheRequestField() {
    HttpResponse<String> stale = send("PATCH", "/v1/documents/d1", "{\"title\":\"x\"}",
        "If-Match", "\"v7\"");
    HttpResponse<String> current = send("PATCH", "/v1/documents/d1", "{\"title\":\"y\"}",
        "If-Match", "\"v1\"");

    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(Http.json(stale.body()).get("message").asText())
        .isEqualTo("etag v7 is stale; the document is at v1");
    assertThat(current.statusCode()).isEqualTo(200);
    assertThat(current.headers().firstValue("ETag")).hasValue("\"v2\"");
  }

  @Test
  void deleteAnswers204WithoutABody() {
    HttpResponse<String> deleted = send("DELETE", "/v1/documents/d1", null);

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(deleted.headers().firstValue("Content-Type")).isEmpty();
    assertThat(documents.documents()).doesNotContainKey("documents/d1");
  }

  @Test
  void fillingTheMaskCanBeTurnedOff() throws Exception {
    write(ROUTES, "transcoding: {fill_update_mask: false}");
    assertThat(gateway.reloadNow().swapped()).isTrue();

    HttpResponse<String> patched = send("PATCH", "/v1/documents/d1", "{\"title\":\"x\"}");

    assertThat(Http.json(patched.body()).has("lastUpdateMask")).isFalse();
  }

  @Test
  void theOpenApiDocumentDescribesEachRoutesSemantics() {
    HttpResponse<String> answer = http.get("/openapi.json");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(GatewayOpenApiIT.problems(answer.body())).isEmpty();
    JsonNode paths = Http.json(answer.body()).get("paths");
    JsonNode create = paths.get("/v1/documents").get("post");
    assertThat(names(create.get("responses"))).containsExactly("201", "default");
    assertThat(names(create.get("responses").get("201").get("headers")))
        .containsExactly("Location", "ETag", "x-document-version");
    JsonNode document = paths.get("/v1/documents/{name}");
    assertThat(document).as(paths.toString()).isNotNull();
    JsonNode get = document.get("get");
    assertThat(names(get.get("responses"))).containsExactly("200", "304", "default");
    assertThat(headerParameters(get)).containsExactly("If-None-Match");
    assertThat(headerParameters(document.get("patch"))).containsExactly("If-Match");
    JsonNode delete = document.get("delete");
    assertThat(names(delete.get("responses"))).containsExactly("204", "default");
    assertThat(delete.get("responses").get("204").has("content")).isFalse();
    assertThat(headerParameters(delete)).containsExactly("If-Match");
  }

  private static List<String> names(JsonNode object) {
    List<String> out = new java.util.ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static List<String> headerParameters(JsonNode operation) {
    List<String> out = new java.util.ArrayList<>();
    operation.path("parameters").forEach(p -> {
      if (p.get("in").asText().equals("header")) {
        out.add(p.get("name").asText());
      }
    });
    return out;
  }

  @Test
  void aFieldThatIsNotAStringFailsTheSnapshot() throws Exception {
    write("routes:", "  - {method: gangway.gwtest.v1.Documents.GetDocument, etag: version}");

    ReloadResult result = gateway.reloadNow();

    assertThat(result.swapped()).isFalse();
    assertThat(result.message()).contains(
        "routes[0].etag: field version of gangway.gwtest.v1.Document is not a string");
  }
}
