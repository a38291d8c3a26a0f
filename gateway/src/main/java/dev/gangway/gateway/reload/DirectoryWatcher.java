package dev.gangway.gateway.reload;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File-system events for a set of directories, on one daemon thread: any event in a watched
 * directory runs the callback, which only schedules a checksum comparison, so events need no
 * filtering (a Kubernetes ConfigMap update, for one, changes a {@code ..data} symlink, not the
 * file's own entry).
 *
 * <p>{@link #watch} is confined to one thread (the reloader's); the event thread only takes keys.
 * {@link #close} may be called from any thread.
 */
final class DirectoryWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DirectoryWatcher.class);

  private final WatchService service;
  private final Runnable onEvent;
  private final Thread thread;
  private final Map<Path, WatchKey> keys = new HashMap<>();

  DirectoryWatcher(Runnable onEvent) throws IOException {
    this.service = FileSystems.getDefault().newWatchService();
    this.onEvent = onEvent;
    this.thread = new Thread(this::run, "gangway-reload-watch");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /**
   * Watches exactly {@code dirs}: registers the ones not yet watched (or whose key went invalid
   * because the directory was deleted) and cancels the others. A directory that cannot be
   * registered (it does not exist yet) is left to the poll and tried again next time.
   */
  void watch(Set<Path> dirs) {
    for (Iterator<Map.Entry<Path, WatchKey>> it = keys.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Path, WatchKey> entry = it.next();
      if (!dirs.contains(entry.getKey()) || !entry.getValue().isValid()) {
        entry.getValue().cancel();
        it.remove();
      }
    }
    for (Path dir : dirs) {
      if (!keys.containsKey(dir)) {
        try {
          keys.put(dir, dir.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE));
        } catch (IOException | ClosedWatchServiceException e) {
          log.debug("cannot watch {} now ({}); the checksum poll covers it", dir, e.toString());
        }
      }
    }
  }

  /** The directories registered now (for tests and the log). */
  Set<Path> watched() {
    return Set.copyOf(keys.keySet());
  }

  private void run() {
    try {
      while (true) {
        WatchKey key = service.take();
        boolean any = !key.pollEvents().isEmpty();
        key.reset();
        if (any) {
          onEvent.run();
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // Closed: the thread ends.
    }
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      log.debug("closing the watch service: {}", e.toString());
    }
    thread.interrupt();
  }
}
