package dev.gangway.gateway.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One directory of static files served under a URL path prefix (GET and HEAD), e.g. a demo page
 * next to the API it calls. A prefix is matched before any route, so it hides routes under it.
 *
 * <p>Immutable.
 *
 * @param prefix the URL path prefix, starting and ending with {@code /}, e.g. {@code /demo/}
 * @param directory the directory whose files are served, absolute
 */
public record StaticConfig(String prefix, Path directory) {
  public StaticConfig {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(directory, "directory");
  }
}
