package dev.gangway.gateway.config;

import java.time.Duration;

/**
 * Durations as error messages name them: whole seconds as {@code 30s}, the rest as {@code 500ms}
 * or {@code 1.5s}, so a deadline reads as the config spelled it.
 *
 * <p>Stateless and thread-safe.
 */
public final class Durations {
  private Durations() {}

  /** {@code 30s}, {@code 1.5s}, {@code 500ms}, {@code 0ms}. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0 || millis == 0) {
      return millis < 1000 ? millis + "ms" : (millis / 1000.0) + "s";
    }
    return (millis / 1000) + "s";
  }
}
