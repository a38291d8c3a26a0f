package dev.gangway.gateway.observe;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log's writer: IO threads hand it finished lines ({@link #offer}, never blocking) and
 * one daemon thread writes them through the {@code gangway.access} logger, so a slow console or
 * disk costs queued lines, not IO threads. When {@value #CAPACITY} lines wait, new ones are
 * dropped and counted ({@code gangway_access_log_dropped_total}).
 *
 * <p>Thread-safe; one per {@code GatewayServer}, closed with it (the lines still queued are
 * written first).
 */
public final class AccessLog implements AutoCloseable {
  /** Lines that may wait for the writer. */
  static final int CAPACITY = 8192;
  private static final Logger log = LoggerFactory.getLogger("gangway.access");
  private static final String STOP = new String("stop");

  private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private final Thread writer = new Thread(this::write, "gangway-access-log");
  private final AtomicBoolean started = new AtomicBoolean();

  public AccessLog() {
    writer.setDaemon(true);
  }

  /**
   * Queues a line; drops it (counted) when the writer is {@value #CAPACITY} lines behind. The
   * writer thread starts with the first line, so a gateway without an access log has none.
   */
  public void offer(String line) {
    if (!started.get() && started.compareAndSet(false, true)) {
      writer.start();
    }
    if (!lines.offer(line)) {
      dropped.incrementAndGet();
    }
  }

  /** Lines dropped because the writer fell behind. */
  public long dropped() {
    return dropped.get();
  }

  private void write() {
    try {
      while (true) {
        String line = lines.take();
        if (line == STOP) {
          return;
        }
        log.info(line);
      }
    } catch (InterruptedException e) {
      // closing without waiting
    }
  }

  @Override
  public void close() {
    if (!started.compareAndSet(false, true)) {
      closeStarted();
    }
  }

  private void closeStarted() {
    try {
      // Behind the lines already queued; a full queue drops the marker, then the join times out.
      if (lines.offer(STOP, 1, TimeUnit.SECONDS)) {
        writer.join(TimeUnit.SECONDS.toMillis(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writer.interrupt();
  }
}
