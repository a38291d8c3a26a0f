package dev.gangway.gateway.observe;

import java.util.Objects;

/**
 * What observes a running gateway, created once by {@code GatewayServer} and outliving snapshots:
 * the meters, the access log's writer and tracing. Whether a request gets an access log line is the
 * serving snapshot's {@code access_log} config; the writer is always there.
 *
 * <p>Thread-safe. Closing it writes the queued access log lines and releases the meters.
 */
public final class Telemetry implements AutoCloseable {
  private final GatewayMetrics metrics;
  private final AccessLog accessLog;
  private final Tracing tracing;

  public Telemetry(GatewayMetrics metrics, AccessLog accessLog, Tracing tracing) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
    this.tracing = Objects.requireNonNull(tracing, "tracing");
  }

  /**
   * Prometheus meters, an access log writer and {@code tracing}: what a gateway runs with.
   */
  public static Telemetry start(Tracing tracing) {
    GatewayMetrics metrics = GatewayMetrics.prometheus();
    AccessLog accessLog = new AccessLog();
    metrics.functionCounter("gangway.access.log.dropped",
        "Access log lines dropped because the writer fell behind", io.micrometer.core.instrument
            .Tags.empty(), accessLog, AccessLog::dropped);
    return new Telemetry(metrics, accessLog, tracing);
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  public AccessLog accessLog() {
    return accessLog;
  }

  public Tracing tracing() {
    return tracing;
  }

  @Override
  public void close() {
    tracing.close();
    accessLog.close();
    metrics.close();
  }
}
