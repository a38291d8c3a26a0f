package dev.gangway.gateway.routing;

import dev.gangway.gateway.config.StaticConfig;
import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.gateway.errors.Responses;
import dev.gangway.transcoder.Transcoder;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.server.handlers.resource.ResourceManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compiles the {@code static} config section into the handlers of a snapshot's static sites.
 *
 * <p>Stateless; setup code, run when a snapshot is built.
 */
final class StaticSites {
  /** The file a path ending in {@code /} stands for. */
  static final String INDEX = "index.html";

  private StaticSites() {}

  /**
   * The configured sites (from their directories) and the shipped ones, longest prefix first: the
   * first whose prefix starts a path serves it; at one prefix a configured site comes first.
   */
  static List<PublishedSite> longestPrefixFirst(
      List<StaticConfig> config, List<PublishedSite> shipped) {
    List<PublishedSite> sorted = new ArrayList<>();
    for (StaticConfig site : config) {
      sorted.add(new PublishedSite(site.prefix(), new PathResourceManager(site.directory())));
    }
    sorted.addAll(shipped);
    sorted.sort(Comparator.comparingInt((PublishedSite s) -> s.prefix().length()).reversed());
    return sorted;
  }

  /**
   * Undertow serves the file (ETag, Last-Modified, conditional GET, HEAD) on a worker thread,
   * since file access blocks; no directory listings, only index.html for "dir/". A file that is
   * not there is the gateway's usual 404, rendered by the snapshot's transcoder.
   */
  static HttpHandler files(ResourceManager resources, Transcoder transcoder) {
    HttpHandler notFound = exchange -> Responses.error(exchange, transcoder,
        GatewayError.NO_ROUTE, exchange.getRequestMethod(), RawPath.of(exchange));
    return new ResourceHandler(
        new IndexOnlyResources(resources), notFound)
        .setWelcomeFiles(INDEX)
        .setDirectoryListingEnabled(false);
  }
}
