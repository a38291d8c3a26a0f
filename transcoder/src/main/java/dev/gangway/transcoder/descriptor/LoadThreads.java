package dev.gangway.transcoder.descriptor;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one load, besides the loading thread: made when first needed, ended with the
 * load ({@link #close}). Also how their failures reach the loading thread: any {@link Throwable}
 * (an {@link OutOfMemoryError} too) is rethrown there as it is, once no task of the load runs, so
 * it fails that load only and nothing of it keeps running.
 *
 * <p>Not thread-safe; one per load, used by the loading thread.
 */
final class LoadThreads implements AutoCloseable {
  /** Called before each task, on the thread that runs it; for tests to fail one. */
  interface BeforeTask {
    BeforeTask NONE = task -> {};

    /** {@code task} is {@code "parse N"} (the Nth file of a set) or {@code "build NAME"}. */
    void run(String task);
  }

  static final String THREAD_NAME = "gangway-descriptor-loader-";

  private final int count;
  private final BeforeTask beforeTask;
  private ExecutorService executor;

  LoadThreads(int count, BeforeTask beforeTask) {
    if (count < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + count);
    }
    this.count = count;
    this.beforeTask = beforeTask;
  }

  /** How many threads may work on the load, the loading thread included. */
  int count() {
    return count;
  }

  BeforeTask beforeTask() {
    return beforeTask;
  }

  /** {@code count() - 1} threads, or {@code count()} for work the loading thread only awaits. */
  ExecutorService executor() {
    if (executor == null) {
      AtomicInteger n = new AtomicInteger();
      executor = Executors.newFixedThreadPool(count, task -> {
        Thread thread = new Thread(task, THREAD_NAME + n.incrementAndGet());
        // A load that fails or is abandoned never keeps the JVM alive.
        thread.setDaemon(true);
        // A task's failure reaches the loading thread through its future. What else escapes is
        // the pool's own, after the task: out of memory waiting for the next task, in the heap
        // the load filled. Printed, it would be a stack trace beside the one-line failure.
        thread.setUncaughtExceptionHandler((t, e) -> {});
        return thread;
      });
    }
    return executor;
  }

  /** What a task threw, or null; waits for it without giving up on an interrupt. */
  static Throwable outcome(Future<?> task) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          task.get();
          return null;
        } catch (ExecutionException e) {
          return e.getCause();
        } catch (InterruptedException e) {
          // As on one thread, a load runs to its end; the flag is kept for the caller.
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** An Error (out of memory, say) outranks a file that is not a file: the load is unusable. */
  static Throwable worse(Throwable current, Throwable next) {
    if (current == null) {
      return next;
    }
    if (next instanceof Error && !(current instanceof Error)) {
      return next;
    }
    return current;
  }

  /** Throws {@code failure} as it is (the return type lets callers write {@code throw}). */
  static IOException rethrow(Throwable failure) throws IOException {
    if (failure instanceof IOException io) {
      throw io;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException("loading descriptors failed", failure);
  }

  /**
   * Ends the threads. Never throws: it runs while the load's own failure propagates, and out of
   * memory here, in the heap that failure filled, is often the very same preallocated
   * {@link OutOfMemoryError}, which try-with-resources cannot even add to itself as suppressed.
   */
  @Override
  public void close() {
    if (executor == null) {
      return;
    }
    try {
      executor.shutdownNow();
    } catch (Throwable t) {
      try {
        executor.shutdown(); // allocates less; idle threads end as they are interrupted
      } catch (Throwable ignored) {
        // Daemon threads, idle: at worst they stay until the JVM ends.
      }
    }
  }
}
