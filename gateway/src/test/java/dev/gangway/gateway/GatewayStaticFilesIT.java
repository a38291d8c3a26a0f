package dev.gangway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.config.CliOverrides;
import dev.gangway.gateway.config.ConfigLoader;
import dev.gangway.gateway.reload.ReloadResult;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.RawHttp;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.io.IOException;
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

/** The {@code static} section: files under a prefix, ahead of the routes, reloaded with them. */
class GatewayStaticFilesIT {
  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path dir;

  private Path config;
  private String target;
  private GatewayServer gateway;
  private Http http;

  @BeforeEach
  void start() throws Exception {
    Path web = Files.createDirectories(dir.resolve("web"));
    Files.writeString(web.resolve("chat.html"), "<!doctype html><title>chat</title>\n");
    Files.writeString(web.resolve("app.js"), "console.log('hi');\n");
    Files.writeString(web.resolve("na me.txt"), "spaced\n");
    Files.createDirectories(web.resolve("docs"));
    Files.writeString(web.resolve("docs/index.html"), "<p>docs</p>\n");
    Files.createDirectories(web.resolve("empty"));
    Files.writeString(dir.resolve("secret.txt"), "outside the directory\n");
    Files.createDirectories(dir.resolve("other"));
    Files.writeString(dir.resolve("other/chat.html"), "<p>other</p>\n");
    EchoBackend echo = servers.backend("echo");
    target = echo.target();
    config = dir.resolve("gangway.yaml");
    writeConfig("[{prefix: /demo/, directory: web}, {prefix: /v1/echo/static/, directory: web}]");
    gateway = servers.own(GatewayServer.start(
        new ConfigLoader(Optional.of(config), CliOverrides.NONE, name -> null)));
    http = new Http(gateway.httpPort());
  }

  private void writeConfig(String staticSection) throws IOException {
    Files.writeString(config, String.join("\n",
        "server: {bind: 127.0.0.1, port: 0, io_threads: 2}",
        "admin: {port: -1}",
        "descriptors: {paths: ['" + TestConfigs.DESCRIPTORS.toAbsolutePath() + "'], watch: false}",
        "backends:",
        "  - {name: echo, services: [" + TestConfigs.ECHO_SERVICE + "], target: '" + target + "'}",
        "static: " + staticSection,
        ""));
  }

  private static void assertStatus(HttpResponse<String> response, int code, String message) {
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = Http.json(response.body());
    assertThat(body.get("code").asInt()).isEqualTo(code);
    assertThat(body.get("message").asText()).isEqualTo(message);
  }

  @Test
  void servesAFileWithItsContentType() {
    HttpResponse<String> response = http.get("/demo/chat.html");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/html"));
    assertThat(response.headers().firstValue("Last-Modified")).isPresent();
    assertThat(response.body()).isEqualTo("<!doctype html><title>chat</title>\n");
    assertThat(http.get("/demo/app.js").headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
  }

  @Test
  void headAnswersTheHeadersWithoutTheBody() {
    HttpResponse<String> response = http.send(http.request("/demo/chat.html")
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Length")).hasValue("35");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void decodesPercentEscapesInTheFileName() {
    assertThat(http.get("/demo/na%20me.txt").body()).isEqualTo("spaced\n");
  }

  @Test
  void aMissingFileIsTheUsualNotFound() {
    HttpResponse<String> response = http.get("/demo/nope.html");

    assertThat(response.statusCode()).isEqualTo(404);
    assertStatus(response, 5, "no route for GET /demo/nope.html");
  }

  @Test
  void aDirectoryServesItsIndexOrNothing() {
    assertThat(http.get("/demo/docs/").body()).isEqualTo("<p>docs</p>\n");
    assertThat(http.get("/demo/empty/").statusCode()).isEqualTo(404);
    assertThat(http.get("/demo/").statusCode()).as("web/ has no index.html").isEqualTo(404);
  }

  @Test
  void aDirectoryWithoutItsSlashRedirectsUnderThePrefix() {
    HttpResponse<String> response = http.get("/demo/docs");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValue("/demo/docs/");
  }

  @Test
  void aRedirectNeverNamesTheHostTheClientClaimed() throws Exception {
    try (RawHttp raw = new RawHttp(gateway.httpPort())) {
      RawHttp.Response response = raw.send(List.of("GET /demo/docs HTTP/1.1",
          "Host: evil.example", "Connection: close"), new byte[0]).read();

      assertThat(response.status()).isEqualTo(302);
      assertThat(response.header("Location")).hasValue("/demo/docs/");
    }
  }

  @Test
  void dotfilesAreNeverServedAndFilesCarryNosniff() throws Exception {
    Path web = dir.resolve("web");
    Files.writeString(web.resolve(".env"), "SECRET=1\n");
    Files.createDirectories(web.resolve(".git"));
    Files.writeString(web.resolve(".git/config"), "[core]\n");

    for (String path : List.of("/demo/.env", "/demo/.git/config", "/demo/%2egit/config")) {
      HttpResponse<String> response = http.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body()).as(path).doesNotContain("SECRET").doesNotContain("core");
    }
    assertThat(http.get("/demo/app.js").headers().firstValue("X-Content-Type-Options"))
        .hasValue("nosniff");
  }

  @Test
  void nothingOutsideTheDirectoryIsServed() {
    for (String path : new String[] {"/demo/%2e%2e/secret.txt", "/demo/..%2fsecret.txt",
        "/demo/docs/%2E%2E/%2E%2E/secret.txt", "/demo/%5c..%5csecret.txt", "/demo/%00",
        "/demo/%c3%28"}) {
      HttpResponse<String> response = http.get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body()).as(path).doesNotContain("outside");
    }
  }

  @Test
  void otherMethodsAreNotAllowed() {
    HttpResponse<String> response = http.post("/demo/chat.html", "{}");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertStatus(response, 12, "method POST not allowed for /demo/chat.html; allowed: GET, HEAD");
  }

  @Test
  void aPrefixShadowsTheRoutesUnderIt() {
    assertThat(http.get("/v1/echo/static/chat.html").body())
        .isEqualTo("<!doctype html><title>chat</title>\n");
    assertThat(http.get("/v1/echo/static").statusCode())
        .as("not under the prefix: the route answers").isEqualTo(200);
    assertThat(Http.json(http.get("/v1/echo/hello").body()).get("text").asText())
        .isEqualTo("hello");
  }

  @Test
  void aReloadedConfigChangesWhatIsServed() throws Exception {
    writeConfig("[{prefix: /demo/, directory: other}]");

    ReloadResult result = gateway.reloadNow();

    assertThat(result.swapped()).as(result.message()).isTrue();
    assertThat(http.get("/demo/chat.html").body()).isEqualTo("<p>other</p>\n");
    assertThat(Http.json(http.get("/v1/echo/static").body()).get("text").asText())
        .as("the removed prefix no longer shadows the route").isEqualTo("static");
  }
}
