package dev.gangway.gateway.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code access_log} section: one line per request (per server stream and WebSocket at its
 * end), written by the {@code gangway.access} logger off the IO threads.
 *
 * <p>Immutable. Read per request from the serving snapshot, so a reload applies it.
 *
 * @param enabled whether lines are written (default false)
 * @param format JSON objects or text lines (default JSON)
 * @param sampleSuccesses the fraction of successful requests (status below 400) that get a line,
 *     0 to 1 (default 1: all); every failed request gets one
 * @param headers request header names (lower case) whose values are added to each line; never a
 *     header that carries credentials (the reader refuses them)
 */
public record AccessLogConfig(
    boolean enabled, Format format, double sampleSuccesses, List<String> headers) {
  public static final AccessLogConfig DEFAULT =
      new AccessLogConfig(false, Format.JSON, 1.0, List.of());

  public AccessLogConfig {
    Objects.requireNonNull(format, "format");
    if (!(sampleSuccesses >= 0 && sampleSuccesses <= 1)) {
      throw new IllegalArgumentException("sampleSuccesses " + sampleSuccesses + " not in [0, 1]");
    }
    headers = List.copyOf(headers);
  }

  /** How a line is written. */
  public enum Format {
    /** One JSON object per line. */
    JSON,
    /** Space-separated {@code key=value} pairs, values quoted where needed. */
    TEXT;

    /** The spelling in the config file. */
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
