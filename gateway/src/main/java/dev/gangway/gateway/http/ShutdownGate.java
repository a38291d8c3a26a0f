package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.gateway.errors.Responses;
import dev.gangway.gateway.reload.SnapshotHolder;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * The outermost handler of the public listener: counts the exchanges in flight and, once the
 * gateway stops, answers what it can no longer serve with a {@code google.rpc.Status} instead of
 * an empty 503 or a closed connection.
 *
 * <p>Thread-safe. Phases, in order ({@code GatewayServer.close} drives them):
 * <ol>
 *   <li>serving;
 *   <li>{@link #drain}: still serving (the orchestrator is removing this replica from its
 *       endpoints), but every response closes its connection, so keep-alive clients reconnect to
 *       a replica that stays;
 *   <li>{@link #close}: new requests get 503 UNAVAILABLE "the gateway is stopping";
 *       {@link #awaitIdle} waits for the calls in flight; {@link #cutInFlight} answers the ones
 *       still running 503 UNAVAILABLE (their backend calls are cancelled when their exchanges
 *       end).
 * </ol>
 */
public final class ShutdownGate implements HttpHandler {

  private enum Phase { SERVING, DRAINING, CLOSED }

  private final HttpHandler next;
  private final SnapshotHolder snapshots;
  private final Set<HttpServerExchange> inFlight = ConcurrentHashMap.newKeySet();
  private final ExchangeCompletionListener done = this::completed;
  private volatile Phase phase = Phase.SERVING;

  public ShutdownGate(SnapshotHolder snapshots, HttpHandler next) {
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Phase now = phase;
    if (now == Phase.CLOSED) {
      exchange.setPersistent(false);
      Responses.error(exchange, snapshots.current().transcoder(), GatewayError.STOPPING);
      return;
    }
    if (now == Phase.DRAINING) {
      exchange.setPersistent(false);
    }
    inFlight.add(exchange);
    exchange.addExchangeCompleteListener(done);
    next.handleRequest(exchange);
  }

  private void completed(HttpServerExchange exchange, ExchangeCompletionListener.NextListener n) {
    try {
      if (inFlight.remove(exchange) && inFlight.isEmpty() && phase == Phase.CLOSED) {
        synchronized (this) {
          notifyAll();
        }
      }
    } finally {
      n.proceed();
    }
  }

  /** Whether a stop has begun ({@code /readyz} answers 503 from then on). */
  public boolean stopping() {
    return phase != Phase.SERVING;
  }

  /** Keeps serving, but closes each connection after its response. */
  public void drain() {
    if (phase == Phase.SERVING) {
      phase = Phase.DRAINING;
    }
  }

  /** Refuses new requests from now on. */
  public void close() {
    phase = Phase.CLOSED;
  }

  /** Exchanges not yet complete (requests in flight, open server streams). */
  public int inFlight() {
    return inFlight.size();
  }

  /** Waits until no exchange is in flight or {@code timeout} passes; true when none is left. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (!inFlight.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        // Woken by the last completion; the timed wait also covers a completion that raced
        // with close().
        wait(Math.max(1, Math.min(left / 1_000_000, 100)));
      }
    }
    return true;
  }

  /**
   * Answers every exchange in flight whose response has not started with 503 UNAVAILABLE, on its
   * own IO thread (where its call's callbacks run, so the two never interleave).
   */
  public void cutInFlight() {
    for (HttpServerExchange exchange : inFlight) {
      try {
        exchange.getIoThread().execute(() -> cut(exchange));
      } catch (RejectedExecutionException e) {
        // Its IO thread is already stopping: the connection goes with it.
      }
    }
  }

  private void cut(HttpServerExchange exchange) {
    if (exchange.isComplete() || exchange.isResponseStarted()) {
      return;
    }
    exchange.setPersistent(false);
    Responses.guarded(exchange, () -> Responses.error(
        exchange, snapshots.current().transcoder(), GatewayError.STOPPED_BEFORE_DONE));
  }
}
