package dev.gangway.samples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The {@code composites} block of the composition tests' gateway: the demo's composites, read
 * from {@code demo/gangway.yaml} so that the tests exercise exactly what the demo serves, followed
 * by the test-only ones of {@code e2e/composites.yaml} (paths under {@code /v1/e2e/}).
 *
 * <p>Stateless and thread-safe.
 */
final class CompositesConfig {
  /** The demo config, relative to the samples module (the tests' working directory). */
  static final Path DEMO_CONFIG = Path.of("demo/gangway.yaml");
  private static final String TEST_COMPOSITES = "/e2e/composites.yaml";
  private static final YAMLMapper YAML = new YAMLMapper();

  private CompositesConfig() {}

  /** A top-level {@code composites:} key with every composite, to append to a config file. */
  static String yaml() {
    try {
      ArrayNode all = YAML.createArrayNode();
      all.addAll(composites(YAML.readTree(DEMO_CONFIG.toFile()), DEMO_CONFIG.toString()));
      try (InputStream in = CompositesConfig.class.getResourceAsStream(TEST_COMPOSITES)) {
        if (in == null) {
          throw new IllegalStateException(TEST_COMPOSITES + " is not on the class path");
        }
        all.addAll(composites(YAML.readTree(in), TEST_COMPOSITES));
      }
      ObjectNode root = YAML.createObjectNode();
      root.set("composites", all);
      // The mapper writes a document start marker; a second document would not be read.
      return "\n" + YAML.writeValueAsString(root).replaceFirst("^---\\s*\n", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ArrayNode composites(JsonNode config, String source) {
    JsonNode composites = config.path("composites");
    if (!composites.isArray() || composites.isEmpty()) {
      throw new IllegalStateException(source + " has no composites");
    }
    return (ArrayNode) composites;
  }
}
