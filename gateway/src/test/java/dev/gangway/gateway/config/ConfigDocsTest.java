package dev.gangway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/configuration.md stays true: every key is documented and the example file loads. */
class ConfigDocsTest {
  static final Path DOC = Path.of("../docs/configuration.md");

  @Test
  void everyKeyHasARowInTheReference() throws IOException {
    String doc = Files.readString(DOC);
    List<String> keys = new ArrayList<>();
    keys.addAll(ConfigReader.SERVER_KEYS);
    keys.addAll(ConfigReader.SERVER_TLS_KEYS);
    keys.addAll(ConfigReader.ADMIN_KEYS);
    keys.addAll(ConfigReader.DESCRIPTORS_KEYS);
    keys.addAll(ConfigReader.ROUTE_KEYS);
    keys.addAll(ConfigReader.HEADERS_KEYS);
    keys.addAll(BackendReader.KEYS);
    keys.addAll(BackendReader.TLS_KEYS);
    keys.addAll(BackendReader.KEEPALIVE_KEYS);
    keys.addAll(ReflectionReader.KEYS);
    keys.addAll(TranscodingReader.KEYS);
    keys.addAll(CompositeReader.KEYS);
    keys.addAll(CompositeReader.CALL_KEYS);
    keys.addAll(StaticReader.KEYS);
    keys.addAll(WebSocketReader.KEYS);
    keys.addAll(LimitsReader.KEYS);
    keys.addAll(ConfigReader.SHUTDOWN_KEYS);
    keys.addAll(AuthReader.KEYS);
    keys.addAll(AuthReader.PROVIDER_KEYS);
    keys.addAll(AuthReader.JWT_KEYS);
    keys.addAll(AuthReader.API_KEY_KEYS);
    keys.addAll(AuthReader.KEY_KEYS);
    keys.addAll(AuthReader.CERT_KEYS);
    keys.addAll(AuthReader.CERT_CONSUMER_KEYS);
    keys.addAll(AuthReader.IDENTITY_KEYS);
    keys.addAll(AccessReader.KEYS);
    keys.addAll(AccessReader.DEFAULT_KEYS);
    keys.addAll(AccessReader.RULE_KEYS);
    keys.addAll(AccessReader.REQUIREMENT_KEYS);
    keys.addAll(RateLimitsReader.KEYS);
    keys.addAll(RateLimitsReader.LIMIT_KEYS);
    keys.addAll(RateLimitsReader.REDIS_KEYS);
    keys.addAll(CorsReader.KEYS);
    keys.addAll(CorsReader.RULE_KEYS);
    keys.addAll(OpenApiReader.KEYS);
    keys.addAll(AccessLogReader.KEYS);
    keys.addAll(ConfigReader.TRACING_KEYS);

    for (String key : keys) {
      assertThat(doc).as(key).contains("| `" + key + "` |");
    }
    for (String section : ConfigReader.KEYS) {
      assertThat(doc).as(section).contains("\n## " + section + "\n");
    }
  }

  @Test
  void everyFlagHasARow() throws IOException {
    String doc = Files.readString(DOC);

    for (String flag : List.of("--config FILE", "--port N", "--bind ADDR", "--descriptors PATH",
        "--backend PATTERN=TARGET", "--admin-port N", "--tls-cert FILE", "--tls-key FILE",
        "--help", "--version")) {
      assertThat(doc).as(flag).contains("`" + flag + "` |");
    }
  }

  @Test
  void exampleFileLoads(@TempDir Path tmp) throws IOException, ConfigException {
    String doc = Files.readString(DOC);
    int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
    Path file = tmp.resolve("gangway.yaml");
    Files.writeString(file, doc.substring(start, doc.indexOf("```", start)));
    Path certs = Files.createDirectories(tmp.resolve("certs"));
    for (String name : List.of("ca.pem", "client.pem", "client.key")) {
      Files.writeString(certs.resolve(name), "x");
    }
    Files.createDirectories(tmp.resolve("web"));

    GatewayConfig config =
        new ConfigLoader(Optional.of(file), CliOverrides.NONE, Map.<String, String>of()::get)
            .load();

    assertThat(config.server()).isEqualTo(ServerConfig.DEFAULT);
    assertThat(config.admin()).isEqualTo(AdminConfig.DEFAULT);
    assertThat(config.backends()).hasSize(2);
    assertThat(config.backends().get(0).tls().orElseThrow().keyFile())
        .contains(certs.resolve("client.key"));
    assertThat(config.composites()).hasSize(1);
    assertThat(config.composites().get(0).calls()).hasSize(2);
    assertThat(config.staticFiles()).containsExactly(new StaticConfig("/demo/", tmp.resolve("web")));
    assertThat(config.webSocket().allowedOrigins()).containsExactly("https://app.example.com");
  }
}
