package dev.gangway.gateway.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code openapi} section: the OpenAPI 3.1 document the gateway publishes on its HTTP port,
 * generated from each snapshot's routes (docs/api-consumers.md).
 *
 * <p>Immutable.
 *
 * @param enabled whether the documents are served at all (default true)
 * @param jsonPath where the JSON document is served (default {@code /openapi.json})
 * @param yamlPath where the YAML document is served (default {@code /openapi.yaml})
 * @param services service patterns ({@code pkg.Service}, {@code pkg.*}, {@code *}) whose routes
 *     are described; default {@code *}
 * @param composites whether composite routes are described (default true)
 * @param title the document's {@code info.title} (default {@code Gangway})
 * @param version the document's {@code info.version} (default {@code 1})
 * @param description the document's {@code info.description}, Markdown; empty for none
 * @param docs whether the docs page (Swagger UI on the JSON document) is served (default true)
 * @param docsPath the docs page's prefix, with a leading and a trailing slash (default
 *     {@code /docs/}); the page is also served at the prefix without its trailing slash
 */
public record OpenApiConfig(
    boolean enabled,
    String jsonPath,
    String yamlPath,
    List<String> services,
    boolean composites,
    String title,
    String version,
    Optional<String> description,
    boolean docs,
    String docsPath) {

  public static final OpenApiConfig DEFAULT = new OpenApiConfig(true, "/openapi.json",
      "/openapi.yaml", List.of("*"), true, "Gangway", "1", Optional.empty(), true, "/docs/");

  public OpenApiConfig {
    Objects.requireNonNull(jsonPath, "jsonPath");
    Objects.requireNonNull(yamlPath, "yamlPath");
    services = List.copyOf(services);
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(docsPath, "docsPath");
  }

  /** Whether a service's routes are described: a pattern names it, its package, or is {@code *}. */
  public boolean describes(String serviceFullName) {
    return services.stream().anyMatch(pattern -> SelectorTable.covers(pattern, serviceFullName));
  }
}
