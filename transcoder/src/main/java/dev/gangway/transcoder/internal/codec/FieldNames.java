package dev.gangway.transcoder.internal.codec;

import java.util.Map;

/**
 * A message's fields by every JSON spelling, looked up once per member of every request body.
 *
 * <p>Open addressing over a power-of-two table of interned names: Jackson hands out member names
 * from its own canonical, interned symbol table, so a hit is usually one identity comparison, and
 * a name Jackson did not intern (or a miss) falls back to {@code equals} on the same probe. It
 * replaces {@code Map.get}, whose salted {@code floorMod} probing and {@code equals} calls were a
 * tenth of reading an order.
 *
 * <p>Immutable and thread-safe once built.
 */
final class FieldNames {
  private final String[] names;
  private final FieldSchema[] fields;
  private final int mask;

  private FieldNames(String[] names, FieldSchema[] fields) {
    this.names = names;
    this.fields = fields;
    this.mask = names.length - 1;
  }

  /** The table of {@code byName}; at most half full, so every probe ends at an empty slot. */
  static FieldNames of(Map<String, FieldSchema> byName) {
    int capacity = Integer.highestOneBit(Math.max(2, byName.size() * 2 - 1)) << 1;
    String[] names = new String[capacity];
    FieldSchema[] fields = new FieldSchema[capacity];
    for (Map.Entry<String, FieldSchema> e : byName.entrySet()) {
      String name = e.getKey().intern();
      int i = slot(name.hashCode(), capacity - 1);
      while (names[i] != null) {
        i = (i + 1) & (capacity - 1);
      }
      names[i] = name;
      fields[i] = e.getValue();
    }
    return new FieldNames(names, fields);
  }

  /** The field spelled {@code name} (its JSON name or proto name), or null. */
  FieldSchema get(String name) {
    int hash = name.hashCode();
    for (int i = slot(hash, mask); ; i = (i + 1) & mask) {
      String candidate = names[i];
      if (candidate == name) {
        return fields[i];
      }
      if (candidate == null) {
        return null;
      }
      if (candidate.hashCode() == hash && candidate.equals(name)) {
        return fields[i];
      }
    }
  }

  private static int slot(int hash, int mask) {
    return (hash ^ (hash >>> 16)) & mask;
  }
}
