package dev.gangway.transcoder.internal.codec;

/**
 * The keys of one JSON object read so far, to refuse a map key given twice: an open-addressing
 * set of strings, compared by identity first (Jackson interns member names) and then by value.
 * Unlike a {@code HashSet} it allocates no node per key, which mattered for maps of many entries.
 *
 * <p>Not thread-safe; one per map value being read.
 */
final class SeenKeys {
  // Starts roomy and grows fourfold: rehashing while a map of many entries is read cost more
  // than the few hundred bytes a small map wastes.
  private String[] keys = new String[64];
  private int size;

  /** Adds {@code key}; false when it was already there. */
  boolean add(String key) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int hash = key.hashCode();
    for (int i = slot(hash, mask); ; i = (i + 1) & mask) {
      String k = keys[i];
      if (k == null) {
        keys[i] = key;
        size++;
        return true;
      }
      if (k == key || (k.hashCode() == hash && k.equals(key))) {
        return false;
      }
    }
  }

  private void grow() {
    String[] old = keys;
    keys = new String[old.length * 4];
    int mask = keys.length - 1;
    for (String k : old) {
      if (k != null) {
        int i = slot(k.hashCode(), mask);
        while (keys[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = k;
      }
    }
  }

  private static int slot(int hash, int mask) {
    return (hash ^ (hash >>> 16)) & mask;
  }
}
