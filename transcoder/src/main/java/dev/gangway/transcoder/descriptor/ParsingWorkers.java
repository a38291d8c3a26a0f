package dev.gangway.transcoder.descriptor;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parses the files of a descriptor set on several threads: the loading thread and up to
 * {@code count - 1} of the load's {@link LoadThreads}, which take the next unparsed file until none
 * is left. Each file's bytes are independent (imports are resolved later, when linking), so this
 * is the part of a load that scales with cores: parsing, sharing names ({@link ValuePool}) and
 * reading and deflating comments were two thirds of the googleapis corpus's load on one thread.
 *
 * <p>The result is in set order whatever thread parsed what, so a load is the same as on one
 * thread. A failure on any thread stops the others after their current file and is rethrown on
 * the loading thread once all are idle ({@link LoadThreads}).
 *
 * <p>Not thread-safe; one per load, used by the loading thread.
 */
final class ParsingWorkers {
  private final LoadThreads threads;
  private final ValuePool shared;

  ParsingWorkers(LoadThreads threads, ValuePool shared) {
    this.threads = threads;
    this.shared = shared;
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
    Throwable failure = null;
    try {
      for (int i = 1; i < Math.min(threads.count(), files.size()); i++) {
        helpers.add(threads.executor().submit(() -> {
          work.run();
          return null;
        }));
      }
      work.run();
    } catch (Throwable t) {
      failure = t;
      work.stop.set(true);
    }
    for (Future<?> helper : helpers) {
      failure = LoadThreads.worse(failure, LoadThreads.outcome(helper));
    }
    if (failure != null) {
      throw LoadThreads.rethrow(failure);
    }
    return Arrays.asList(parsed);
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
          threads.beforeTask().run("parse " + i);
          parsed[i] = DescriptorSetParser.parseFile(files.get(i), comments, shared);
        }
      } catch (Throwable t) {
        stop.set(true);
        throw t;
      }
    }
  }
}
