package dev.gangway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gangway.gateway.auth.ApiKeyAuthenticator;
import dev.gangway.gateway.reload.ReloadResult;
import dev.gangway.gateway.testing.AccessConfigs;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestIssuer;
import dev.gangway.gateway.testing.TestServers;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code openapi} section end to end: the documents on the HTTP port, valid OpenAPI 3.1,
 * cached by entity tag, rebuilt by a reload with its new config (paths, service filter, off),
 * security schemes and per-route requirements from {@code auth} and {@code access}.
 */
class GatewayOpenApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ECHO = "/v1/echo";

  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path dir;

  private String target;
  private Path jwks;
  private GatewayServer gateway;
  private Http http;

  @BeforeEach
  void start() throws Exception {
    EchoBackend echo = servers.backend("echo");
    target = echo.target();
    TestIssuer issuer = new TestIssuer();
    jwks = issuer.writeJwks(dir.resolve("jwks.json"));
    AccessConfigs.write(dir, target, security());
    gateway = servers.own(GatewayServer.start(AccessConfigs.source(dir.resolve("gangway.yaml"))));
    http = new Http(gateway.httpPort());
  }

  private String security(String... more) {
    List<String> lines = new ArrayList<>(List.of(
        "auth:",
        "  providers:",
        "    - name: corp",
        "      jwt: {issuer: " + TestIssuer.ISSUER + ", jwks_file: '" + jwks + "'}",
        "    - name: partners",
        "      api_keys:",
        "        header: x-api-key",
        "        keys: [{consumer: acme, sha256: " + ApiKeyAuthenticator.hash("k") + "}]",
        "access:",
        "  default: {require: public}",
        "  routes:",
        "    - match: [gangway.gwtest.v1.EchoService.Echo]",
        "      require:",
        "        any_of:",
        "          - {provider: corp, scopes: [echo]}",
        "          - {provider: partners}"));
    lines.addAll(List.of(more));
    return String.join("\n", lines);
  }

  private void reload(String... openApi) throws Exception {
    AccessConfigs.write(dir, target, security(openApi));
    ReloadResult result = gateway.reloadNow();
    assertThat(result.swapped()).as(result.message()).isTrue();
  }

  static List<String> problems(String json) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
    assertThat(result.getOpenAPI()).as("parsed").isNotNull();
    return result.getMessages() == null ? List.of() : result.getMessages();
  }

  @Test
  void servesAValidOpenApi31DocumentOfTheLoadedRoutes() throws Exception {
    HttpResponse<String> response = http.get("/openapi.json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(problems(response.body())).isEmpty();
    JsonNode doc = JSON.readTree(response.body());
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(doc.get("info").get("title").asText()).isEqualTo("Gangway");
    assertThat(doc.get("paths").has(ECHO)).isTrue();
    assertThat(doc.get("paths").get(ECHO).get("post").get("x-gangway-grpc-method").asText())
        .isEqualTo("gangway.gwtest.v1.EchoService/Echo");
  }

  @Test
  void yamlIsTheSameDocument() throws Exception {
    HttpResponse<String> yaml = http.get("/openapi.yaml");

    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.headers().firstValue("Content-Type")).hasValue("application/yaml");
    assertThat(new YAMLMapper().readTree(yaml.body()))
        .isEqualTo(JSON.readTree(http.get("/openapi.json").body()));
  }

  @Test
  void securitySchemesComeFromProvidersAndRequirementsFromAccessRules() throws Exception {
    JsonNode doc = JSON.readTree(http.get("/openapi.json").body());

    JsonNode schemes = doc.get("components").get("securitySchemes");
    assertThat(schemes.get("corp").get("type").asText()).isEqualTo("http");
    assertThat(schemes.get("corp").get("scheme").asText()).isEqualTo("bearer");
    assertThat(schemes.get("corp").get("bearerFormat").asText()).isEqualTo("JWT");
    assertThat(schemes.get("partners").toString())
        .isEqualTo("{\"type\":\"apiKey\",\"in\":\"header\",\"name\":\"x-api-key\"}");
    assertThat(doc.get("paths").get(ECHO).get("post").get("security").toString())
        .isEqualTo("[{\"corp\":[\"echo\"]},{\"partners\":[]}]");
    JsonNode publicRoute = doc.get("paths").get("/v1/slow").get("post");
    assertThat(publicRoute.has("security")).as("public route").isFalse();
  }

  @Test
  void entityTagAnswersConditionalRequestsAndHeadSendsNoBody() {
    HttpResponse<String> first = http.get("/openapi.json");
    String etag = first.headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> again = http.get("/openapi.json", "If-None-Match", etag);
    HttpResponse<String> head = http.send(http.request("/openapi.json")
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("ETag")).hasValue(etag);
    assertThat(http.get("/openapi.json").body()).isEqualTo(first.body());
  }

  @Test
  void otherMethodsAre405() {
    HttpResponse<String> post = http.post("/openapi.json", "{}");

    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void reloadRebuildsTheDocumentWithItsNewPathsAndFilter() throws Exception {
    String before = http.get("/openapi.json").body();

    reload("openapi:", "  json_path: /api/spec.json", "  yaml_path: /api/spec.yaml",
        "  title: Echo API", "  services: [gangway.gwtest.v1.OrphanService]");

    assertThat(http.get("/openapi.json").statusCode()).isEqualTo(404);
    JsonNode doc = JSON.readTree(http.get("/api/spec.json").body());
    assertThat(doc.get("info").get("title").asText()).isEqualTo("Echo API");
    assertThat(doc.get("paths").has(ECHO)).as("filtered out").isFalse();
    assertThat(doc.get("tags").toString()).contains("gangway.gwtest.v1.OrphanService")
        .doesNotContain("EchoService");

    reload();

    assertThat(http.get("/openapi.json").body()).as("same snapshot inputs, same bytes")
        .isEqualTo(before);
  }

  @Test
  void canBeTurnedOff() throws Exception {
    reload("openapi: {enabled: false}");

    assertThat(http.get("/openapi.json").statusCode()).isEqualTo(404);
    assertThat(http.get("/openapi.yaml").statusCode()).isEqualTo(404);
  }
}
