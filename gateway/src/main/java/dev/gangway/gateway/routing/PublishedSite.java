package dev.gangway.gateway.routing;

import io.undertow.server.handlers.resource.ResourceManager;
import java.util.Objects;

/**
 * Files the gateway itself ships, served under a path prefix like a static site: the docs page's
 * Swagger UI assets from the classpath. Matched with the configured static sites, longest prefix
 * first.
 *
 * <p>Immutable; thread-safe when the resource manager is (Undertow's classpath manager is).
 *
 * @param prefix the URL path prefix, starting and ending with {@code /}
 * @param resources where the files come from
 */
public record PublishedSite(String prefix, ResourceManager resources) {
  public PublishedSite {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(resources, "resources");
  }
}
