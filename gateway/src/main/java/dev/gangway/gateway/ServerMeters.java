package dev.gangway.gateway;

import dev.gangway.gateway.backend.ChannelRegistry;
import dev.gangway.gateway.http.Admission;
import dev.gangway.gateway.http.OpenStreams;
import dev.gangway.gateway.observe.GatewayMetrics;
import dev.gangway.gateway.reload.ReloadStatus;
import dev.gangway.gateway.reload.SnapshotHolder;
import io.grpc.ConnectivityState;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * The gauges and counters of a running gateway's long-lived parts, read at every scrape: requests
 * in flight, buffered bodies, open streams and WebSockets, backend channel states, reloads and
 * the serving snapshot. The request and backend-call meters are the handler chain's and the
 * bindings' ({@code http.ObserveHandler}, {@code observe.BackendCallObserver}).
 *
 * <p>Stateless; what it binds is thread-safe.
 */
final class ServerMeters {
  private ServerMeters() {}

  static void bind(GatewayMetrics metrics, Admission admission, OpenStreams streams,
      SnapshotHolder snapshots, ReloadStatus reloads, ChannelRegistry channels) {
    metrics.gauge("gangway.http.requests.in.flight",
        "Requests being served now (limits.max_concurrent_requests)", Tags.empty(),
        admission::requestsInFlight);
    metrics.gauge("gangway.http.buffered.body.bytes",
        "Request body bytes held in memory now (limits.max_buffered_bodies)", Tags.empty(),
        admission::bufferedBodyBytes);
    metrics.gauge("gangway.streams.open", "Open server streams over HTTP",
        Tags.of("kind", "server_stream"), () -> streams.size() - streams.webSockets());
    metrics.gauge("gangway.streams.open", "Open WebSockets",
        Tags.of("kind", "websocket"), streams::webSockets);
    metrics.gauge("gangway.streams.pending.bytes",
        "Response bytes of open streams rendered and not yet written to their sockets",
        Tags.empty(), streams::pendingBytes);
    metrics.functionCounter("gangway.reloads", "Successful reloads since start",
        Tags.of("result", "success"), reloads, r -> r.view().reloads());
    metrics.functionCounter("gangway.reloads", "Rejected reload attempts since start",
        Tags.of("result", "failure"), reloads, r -> r.view().failures());
    metrics.gauge("gangway.reload.last.success.timestamp.seconds",
        "When the serving snapshot was swapped in (Unix time)", Tags.empty(),
        () -> reloads.view().lastSuccess().orElse(snapshots.current().builtAt())
            .toEpochMilli() / 1000.0);
    metrics.gauge("gangway.reload.last.attempt.failed",
        "1 when the last reload attempt was rejected: the files on disk are not what is served",
        Tags.empty(), () -> reloads.view().lastAttemptFailed() ? 1 : 0);
    metrics.gauge("gangway.snapshot.generation",
        "Generation of the serving snapshot: 1 at start, +1 per successful reload", Tags.empty(),
        () -> snapshots.current().generation());
    MultiGauge states = metrics.multiGauge("gangway.backend.channel.state",
        "1 for each backend's current channel state, 0 for the others");
    metrics.beforeScrape(() -> states.register(rows(channels), true));
  }

  private static List<MultiGauge.Row<?>> rows(ChannelRegistry channels) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    channels.states().forEach((backend, current) -> {
      for (ConnectivityState state : ConnectivityState.values()) {
        rows.add(MultiGauge.Row.of(Tags.of("backend", backend, "state", state.name()),
            state == current ? 1 : 0));
      }
    });
    return rows;
  }
}
