package dev.gangway.gateway.routing;

import dev.gangway.gateway.config.StaticConfig;
import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.gateway.errors.Responses;
import dev.gangway.transcoder.Transcoder;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
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

  /** The sites, longest prefix first: the first whose prefix starts a path serves it. */
  static List<StaticConfig> longestPrefixFirst(List<StaticConfig> config) {
    List<StaticConfig> sorted = new ArrayList<>(config);
    sorted.sort(Comparator.comparingInt((StaticConfig s) -> s.prefix().length()).reversed());
    return sorted;
  }

  /**
   * Undertow serves the file (ETag, Last-Modified, conditional GET, HEAD) on a worker thread,
   * since file access blocks; no directory listings, only index.html for "dir/". A file that is
   * not there is the gateway's usual 404, rendered by the snapshot's transcoder.
   */
  static HttpHandler files(StaticConfig site, Transcoder transcoder) {
    HttpHandler notFound = exchange -> Responses.error(exchange, transcoder,
        GatewayError.NO_ROUTE, exchange.getRequestMethod(), RawPath.of(exchange));
    return new ResourceHandler(
        new IndexOnlyResources(new PathResourceManager(site.directory())), notFound)
        .setWelcomeFiles(INDEX)
        .setDirectoryListingEnabled(false);
  }
}
