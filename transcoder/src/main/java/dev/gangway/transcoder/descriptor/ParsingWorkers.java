package dev.gangway.transcoder.descriptor;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parses the files of a descriptor set on several threads: the loading thread and up to
 * {@code threads - 1} workers of its own, which take the next unparsed file until none is left.
 * Each file's bytes are independent (imports are resolved later, when linking), so this is the
 * part of a load that scales with cores: parsing, sharing names ({@link ValuePool}) and reading
 * and deflating comments were two thirds of the googleapis corpus's load on one thread.
 *
 * <p>The result is in set order whatever thread parsed what, so a load is the same as on one
 * thread. Any {@link Throwable} of a worker (an {@link OutOfMemoryError} too) stops the others
 * after their current file and is rethrown on the loading thread, once every worker is idle: it
 * fails that load only, and nothing of it keeps running.
 *
 * <p>Not thread-safe; one per load, used by the loading thread. {@link #close} ends the workers.
 */
final class ParsingWorkers implements AutoCloseable {
  /** Called before each file is parsed, on the thread that parses it; for tests to fail one. */
  interface BeforeParse {
    BeforeParse NONE = index -> {};

    void file(int index);
  }

  private final int threads;
  private final ValuePool shared;
  private final BeforeParse beforeParse;
  private ExecutorService workers;

  ParsingWorkers(int threads, ValuePool shared, BeforeParse beforeParse) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    this.threads = threads;
    this.shared = shared;
    this.beforeParse = beforeParse;
  }

  /**
   * Every file parsed, in the order given.
   *
   * @throws IOException if a file is not a file with a name (then the set is not a set)
   */
  List<ParsedFile> parseAll(List<ByteString> files) throws IOException {
    ParsedFile[] parsed = new ParsedFile[files.size()];
    Work work = new Work(files, parsed);
    List<Future<?>> helpers = new ArrayList<>();
    for (int i = 1; i < Math.min(threads, files.size()); i++) {
      helpers.add(workers().submit(() -> {
        work.run();
        return null;
      }));
    }
    Throwable failure = null;
    try {
      work.run();
    } catch (Throwable t) {
      failure = t;
    }
    for (Future<?> helper : helpers) {
      failure = worse(failure, outcome(helper));
    }
    if (failure != null) {
      throw rethrow(failure);
    }
    return Arrays.asList(parsed);
  }

  /** What a helper threw, or null; waits for it without giving up on an interrupt. */
  private static Throwable outcome(Future<?> helper) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          helper.get();
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
  private static Throwable worse(Throwable current, Throwable next) {
    if (current == null) {
      return next;
    }
    if (next instanceof Error && !(current instanceof Error)) {
      return next;
    }
    return current;
  }

  private static IOException rethrow(Throwable failure) throws IOException {
    if (failure instanceof IOException io) {
      throw io;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException("parsing a descriptor set failed", failure);
  }

  private ExecutorService workers() {
    if (workers == null) {
      AtomicInteger n = new AtomicInteger();
      workers = Executors.newFixedThreadPool(threads - 1, task -> {
        Thread thread = new Thread(task, "gangway-descriptor-parser-" + n.incrementAndGet());
        // A load that fails or is abandoned never keeps the JVM alive.
        thread.setDaemon(true);
        return thread;
      });
    }
    return workers;
  }

  @Override
  public void close() {
    if (workers != null) {
      workers.shutdownNow();
    }
  }

  /** The files of one set and the next one to take; run by every thread that parses it. */
  private final class Work {
    private final List<ByteString> files;
    private final ParsedFile[] parsed;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();

    Work(List<ByteString> files, ParsedFile[] parsed) {
      this.files = files;
      this.parsed = parsed;
    }

    void run() throws IOException {
      // Each thread its own reader: it reuses its buffers and deflater from file to file.
      try (CommentReader comments = new CommentReader()) {
        for (int i = next.getAndIncrement(); i < files.size() && !stop.get();
            i = next.getAndIncrement()) {
          beforeParse.file(i);
          parsed[i] = DescriptorSetParser.parseFile(files.get(i), comments, shared);
        }
      } catch (Throwable t) {
        stop.set(true);
        throw t;
      }
    }
  }
}
