package dev.gangway.gateway.http;

import dev.gangway.gateway.config.StaticConfig;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The static file handlers of the latest {@code static} config, rebuilt only when a reload
 * brought a different one (so that a reload that changes nothing here keeps them).
 *
 * <p>Thread-safe: one volatile reference; a race rebuilds the same handlers twice at worst.
 */
final class StaticSites {
  /** The file a path ending in {@code /} stands for. */
  static final String INDEX = "index.html";

  /** One prefix and the handler serving its directory. */
  record Site(String prefix, HttpHandler files) {}

  private final HttpHandler notFound;
  private volatile Cached cached = new Cached(List.of(), List.of());

  /** @param notFound answers for a file that is not there */
  StaticSites(HttpHandler notFound) {
    this.notFound = notFound;
  }

  /** The site whose prefix starts {@code path}, the longest such prefix. */
  Optional<Site> match(List<StaticConfig> config, String path) {
    for (Site site : sites(config)) {
      if (path.startsWith(site.prefix())) {
        return Optional.of(site);
      }
    }
    return Optional.empty();
  }

  private List<Site> sites(List<StaticConfig> config) {
    Cached current = cached;
    if (current.config() != config && !current.config().equals(config)) {
      current = new Cached(config, build(config));
      cached = current;
    }
    return current.sites();
  }

  private List<Site> build(List<StaticConfig> config) {
    List<Site> sites = new ArrayList<>();
    for (StaticConfig entry : config) {
      // Undertow serves the file (ETag, Last-Modified, conditional GET, HEAD) on a worker
      // thread, since file access blocks; no directory listings, only index.html for "dir/".
      ResourceHandler files = new ResourceHandler(
          new IndexOnlyResources(new PathResourceManager(entry.directory())), notFound)
          .setWelcomeFiles(INDEX)
          .setDirectoryListingEnabled(false);
      sites.add(new Site(entry.prefix(), files));
    }
    sites.sort(Comparator.comparingInt((Site s) -> s.prefix().length()).reversed());
    return List.copyOf(sites);
  }

  private record Cached(List<StaticConfig> config, List<Site> sites) {}
}
