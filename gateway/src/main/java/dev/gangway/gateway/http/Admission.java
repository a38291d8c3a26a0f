package dev.gangway.gateway.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway-wide counters that bound what all clients together can make it hold: requests in
 * flight, request body bytes buffered, and large bodies waiting to be bound off the IO threads.
 * The limits themselves come from each request's snapshot ({@code limits}), so a reload changes
 * them; the counters live as long as the server.
 *
 * <p>Thread-safe (atomic counters, a semaphore and a fixed pool). Owned by
 * {@link dev.gangway.gateway.GatewayServer}, which closes it after the listener has stopped.
 */
public final class Admission implements AutoCloseable {
  private final AtomicInteger requestsInFlight = new AtomicInteger();
  private final AtomicLong bufferedBodyBytes = new AtomicLong();
  private final ExecutorService bindingPool;
  private final AtomicInteger pendingBinds = new AtomicInteger();

  /** A binding pool with one thread per core, daemon, named {@code gangway-bind-N}. */
  public Admission() {
    this(Runtime.getRuntime().availableProcessors());
  }

  Admission(int bindingThreads) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads = task -> {
      Thread thread = new Thread(task, "gangway-bind-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    bindingPool = Executors.newFixedThreadPool(Math.max(1, bindingThreads), threads);
  }

  /** Counts a request in; false (and nothing counted) when {@code max} are already in flight. */
  boolean tryStartRequest(int max) {
    while (true) {
      int now = requestsInFlight.get();
      if (now >= max) {
        return false;
      }
      if (requestsInFlight.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  void endRequest() {
    requestsInFlight.decrementAndGet();
  }

  /** Requests in flight now (for tests and the docs' figures). */
  public int requestsInFlight() {
    return requestsInFlight.get();
  }

  /** Reserves body memory; false (nothing reserved) when it would go past {@code max}. */
  boolean tryReserveBody(long bytes, long max) {
    while (true) {
      long now = bufferedBodyBytes.get();
      if (now + bytes > max) {
        return false;
      }
      if (bufferedBodyBytes.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  void releaseBody(long bytes) {
    bufferedBodyBytes.addAndGet(-bytes);
  }

  /** Request body bytes held now. */
  public long bufferedBodyBytes() {
    return bufferedBodyBytes.get();
  }

  /**
   * Runs {@code task} on the binding pool; false (not run) when {@code maxPending} tasks are
   * already waiting or running there.
   */
  boolean tryBindOffIoThread(Runnable task, int maxPending) {
    while (true) {
      int now = pendingBinds.get();
      if (now >= maxPending) {
        return false;
      }
      if (pendingBinds.compareAndSet(now, now + 1)) {
        break;
      }
    }
    bindingPool.execute(() -> {
      try {
        task.run();
      } finally {
        pendingBinds.decrementAndGet();
      }
    });
    return true;
  }

  /** Stops the binding pool, letting queued binds finish briefly. */
  @Override
  public void close() {
    bindingPool.shutdown();
    try {
      bindingPool.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    bindingPool.shutdownNow();
  }
}
