package dev.gangway.transcoder.openapi;

import java.util.Objects;
import java.util.Optional;

/**
 * The document's {@code info} object.
 *
 * <p>Immutable.
 *
 * @param title the API's name
 * @param version the API's version (of the document, not of OpenAPI)
 * @param description Markdown shown above the operations; empty for none
 */
public record OpenApiInfo(String title, String version, Optional<String> description) {
  public OpenApiInfo {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(description, "description");
  }
}
