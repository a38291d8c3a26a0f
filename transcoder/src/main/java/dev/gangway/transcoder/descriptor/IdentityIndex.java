package dev.gangway.transcoder.descriptor;

/**
 * A map from objects, by identity, to non-negative ints, in two flat arrays (open addressing,
 * linear probing, at most three quarters full): 11-21 bytes an entry, where a
 * {@code HashMap<Object, Integer>} costs about 60.
 *
 * <p>Filled by one thread while building, then only read: safe to share once published through
 * a final field.
 */
final class IdentityIndex {
  private final Object[] keys;
  private final int[] values;
  private final int mask;
  private int size;

  /** Room for {@code capacity} entries without growing (it never grows). */
  IdentityIndex(int capacity) {
    int slots = Integer.highestOneBit(Math.max(4, capacity + capacity / 3 + 1)) << 1;
    keys = new Object[slots];
    values = new int[slots];
    mask = slots - 1;
  }

  /** Maps {@code key} to {@code value} unless it is mapped already; false if it was. */
  boolean putIfAbsent(Object key, int value) {
    if (size * 4L >= keys.length * 3L) {
      throw new IllegalStateException("index full: " + size + " entries");
    }
    for (int i = slot(key); ; i = (i + 1) & mask) {
      if (keys[i] == null) {
        keys[i] = key;
        values[i] = value;
        size++;
        return true;
      }
      if (keys[i] == key) {
        return false;
      }
    }
  }

  /** The value of {@code key}, or -1. */
  int get(Object key) {
    for (int i = slot(key); ; i = (i + 1) & mask) {
      Object k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == null) {
        return -1;
      }
    }
  }

  int size() {
    return size;
  }

  /** Bytes of the two arrays, for the benchmarks' heap figures. */
  long bytes() {
    return (long) keys.length * (Integer.BYTES + Integer.BYTES);
  }

  private int slot(Object key) {
    int h = System.identityHashCode(key) * 0x9E3779B1; // spread: identity hashes are not random
    return (h ^ (h >>> 16)) & mask;
  }
}
