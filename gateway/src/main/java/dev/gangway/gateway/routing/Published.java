package dev.gangway.gateway.routing;

import java.util.List;

/**
 * What a snapshot publishes besides its routes and configured static sites: generated files at
 * exact paths (the OpenAPI documents, the docs page) and shipped sites (the docs page's assets).
 *
 * <p>Immutable.
 */
public record Published(List<PublishedFile> files, List<PublishedSite> sites) {
  public static final Published NONE = new Published(List.of(), List.of());

  public Published {
    files = List.copyOf(files);
    sites = List.copyOf(sites);
  }
}
