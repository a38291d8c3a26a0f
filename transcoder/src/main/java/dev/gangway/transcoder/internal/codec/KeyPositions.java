package dev.gangway.transcoder.internal.codec;

import java.util.Arrays;

/**
 * The keys of one JSON map read so far, each with the position where it first came: to refuse a
 * map key given twice. Open addressing over strings, compared by identity first (Jackson interns
 * member names) and then by value; unlike a {@code HashMap} it allocates no node or boxed position
 * per key, which mattered for maps of many entries. ({@link WireMaps} finds keys the wire repeats
 * without making strings.)
 *
 * <p>Not thread-safe; one per map value at a time, kept per thread between maps.
 */
final class KeyPositions {
  /** A table that grew past this many slots is not kept for the thread's next map. */
  private static final int KEPT_MAX = 4096;
  private static final ThreadLocal<KeyPositions> KEPT = new ThreadLocal<>();

  // Starts roomy and grows fourfold: rehashing while a map of many entries is read cost more
  // than the few hundred bytes a small map wastes.
  private String[] keys = new String[64];
  private int[] positions = new int[64];
  private int size;

  /**
   * An empty table: this thread's kept one (taken until {@link #give}), or a new one. Growing a
   * fresh table for each map of a request cost more than looking its keys up.
   */
  static KeyPositions take() {
    KeyPositions kept = KEPT.get();
    if (kept == null) {
      return new KeyPositions();
    }
    KEPT.set(null);
    return kept;
  }

  /** Empties this table and keeps it for this thread's next map; it must not be used after. */
  void give() {
    if (keys.length > KEPT_MAX) {
      return;
    }
    if (size > 0) {
      Arrays.fill(keys, null); // no request's keys outlive it
      size = 0;
    }
    KEPT.set(this);
  }

  /** Records {@code key} at {@code position} unless it is there: then its first position, else -1. */
  int putIfAbsent(String key, int position) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int hash = key.hashCode();
    for (int i = slot(hash, mask); ; i = (i + 1) & mask) {
      String k = keys[i];
      if (k == null) {
        keys[i] = key;
        positions[i] = position;
        size++;
        return -1;
      }
      if (k == key || (k.hashCode() == hash && k.equals(key))) {
        return positions[i];
      }
    }
  }

  private void grow() {
    String[] oldKeys = keys;
    int[] oldPositions = positions;
    keys = new String[oldKeys.length * 4];
    positions = new int[keys.length];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      String k = oldKeys[j];
      if (k != null) {
        int i = slot(k.hashCode(), mask);
        while (keys[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = k;
        positions[i] = oldPositions[j];
      }
    }
  }

  private static int slot(int hash, int mask) {
    return (hash ^ (hash >>> 16)) & mask;
  }
}
