package dev.gangway.samples;

import dev.gangway.samples.diagnostics.DiagnosticsProbe;
import dev.gangway.samples.live.LiveProbe;
import dev.gangway.samples.support.CallProbe;
import io.grpc.Server;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sample servers started by {@link SampleServers#start()}: their addresses, the Diagnostics
 * and Live probes, and {@link #close()}.
 *
 * <p>Thread-safe. Owns the servers and the timer thread; closing stops them in reverse start
 * order and waits for them.
 */
public final class RunningSamples implements AutoCloseable {

  private static final long GRACE_SECONDS = 5;

  /** One started server and the probe of its delayed calls. */
  record Backend(SampleBackend backend, Server server, HealthStatusManager health,
      CallProbe delayed) {}

  private final List<Backend> started;
  private final String instanceName;
  private final DiagnosticsProbe probe;
  private final LiveProbe live;
  private final ScheduledExecutorService scheduler;
  private boolean closed;

  RunningSamples(List<Backend> started, String instanceName, DiagnosticsProbe probe,
      LiveProbe live, ScheduledExecutorService scheduler) {
    this.started = List.copyOf(started);
    this.instanceName = instanceName;
    this.probe = probe;
    this.live = live;
    this.scheduler = scheduler;
  }

  /** The backends that run. */
  public Set<SampleBackend> backends() {
    Set<SampleBackend> backends = EnumSet.noneOf(SampleBackend.class);
    for (Backend backend : started) {
      backends.add(backend.backend());
    }
    return Collections.unmodifiableSet(backends);
  }

  /** The bound port of a backend (the real one when 0 was asked for). */
  public int port(SampleBackend backend) {
    return address(backend).getPort();
  }

  /**
   * The bound address of a backend.
   *
   * @throws IllegalArgumentException if that backend was not started
   */
  public InetSocketAddress address(SampleBackend backend) {
    return (InetSocketAddress) find(backend).server().getListenSockets().get(0);
  }

  /**
   * What happened to the calls of a backend that waited for a delay (the
   * {@value dev.gangway.samples.support.SampleDelay#HEADER} header or the server's default):
   * started, completed, cancelled while waiting, and the most waiting at once.
   *
   * @throws IllegalArgumentException if that backend was not started
   */
  public CallProbe delays(SampleBackend backend) {
    return find(backend).delayed();
  }

  /** A grpc-java target for a backend, {@code host:port}, e.g. {@code 127.0.0.1:50051}. */
  public String target(SampleBackend backend) {
    InetSocketAddress address = address(backend);
    String host = address.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /** The instance name Diagnostics.WhoAmI returns. */
  public String instanceName() {
    return instanceName;
  }

  /** What happened to Diagnostics calls on this instance. */
  public DiagnosticsProbe diagnostics() {
    return probe;
  }

  /** What happened to Live calls (ticker watches, chats). */
  public LiveProbe live() {
    return live;
  }

  private Backend find(SampleBackend backend) {
    for (Backend candidate : started) {
      if (candidate.backend() == backend) {
        return candidate;
      }
    }
    throw new IllegalArgumentException(backend.label() + " was not started");
  }

  /** Blocks until every server has terminated (after {@link #close()}, e.g. from a hook). */
  public void awaitTermination() throws InterruptedException {
    for (Backend backend : started) {
      backend.server().awaitTermination();
    }
  }

  /**
   * Stops the servers in reverse start order: health says NOT_SERVING, new calls are refused,
   * calls in flight get a few seconds, then are cancelled. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    boolean interrupted = false;
    List<Backend> reversed = new ArrayList<>(started);
    Collections.reverse(reversed);
    for (Backend backend : reversed) {
      backend.health().enterTerminalState();
      backend.server().shutdown();
      try {
        if (!backend.server().awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
          backend.server().shutdownNow().awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        interrupted = true;
        backend.server().shutdownNow();
      }
    }
    scheduler.shutdownNow();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
