package dev.gangway.transcoder.internal.codec;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Arrays;

/**
 * Prints a map field's entries as a JSON object: keys as JSON strings, values as the value type's
 * JSON, absent keys and values as their defaults. A key the wire repeats keeps its first position
 * and its last value, as protobuf's map fields do.
 *
 * <p>Keys are never made into {@code String}s: a string key is printed from its UTF-8 bytes and
 * an integer key from its value, and repeated keys are found by an open-addressing table over the
 * entries (bytes or values compared), kept in the printer's scratch ints with the entries
 * themselves. A {@code String} and a hash set node per key were a quarter of printing a message
 * with an 86-entry map.
 *
 * <p>Stateless and thread-safe.
 */
final class WireMaps {
  private static final int REC = 4;
  /** Ints per entry in the scratch: key start, key end, key value (2), value tag, start, end, order. */
  private static final int E = 8;
  private static final int KEY_START = 0;
  private static final int KEY_END = 1;
  private static final int KEY_HIGH = 2;
  private static final int KEY_LOW = 3;
  private static final int VALUE_TAG = 4; // 0 when the entry has no value
  private static final int VALUE_START = 5;
  private static final int VALUE_END = 6;
  /** The entry whose value prints at this entry's position, or -1 when a key repeats it. */
  private static final int ORDER = 7;

  private WireMaps() {}

  /** Prints the entries recorded at {@code [r, runEnd)} of the printer's records. */
  static void print(WireToJson w, FieldSchema f, int[] records, int r, int runEnd)
      throws IOException, CodecException {
    int n = (runEnd - r) / REC;
    int base = w.reserveInts(n * E);
    int[] e = w.ints();
    for (int i = 0; i < n; i++) {
      entry(w, f, records[r + i * REC + 2], records[r + i * REC + 3], e, base + i * E);
    }
    if (n > 1) {
      order(w, f.mapKey, base, n);
    } else {
      e[base + ORDER] = 0;
    }
    w.g.startObject();
    for (int i = 0; i < n; i++) {
      e = w.ints(); // a value printed before may have grown the scratch
      int at = base + i * E;
      int from = e[at + ORDER];
      if (from < 0) {
        continue;
      }
      key(w, f.mapKey, e, at);
      int value = base + from * E;
      int tag = e[value + VALUE_TAG];
      if (tag == 0) {
        w.printDefault(f.mapValue);
      } else {
        w.scalar(f.mapValue, tag, e[value + VALUE_START], e[value + VALUE_END]);
      }
    }
    w.g.endObject();
    w.releaseInts(base);
  }

  /** Reads one entry's key and value locations (and an integer key's value) into {@code e[at..]}. */
  private static void entry(WireToJson w, FieldSchema f, int start, int end, int[] e, int at)
      throws CodecException {
    WireInput in = w.in;
    e[at + KEY_START] = 0;
    e[at + KEY_END] = 0; // absent: the empty string, or 0, or false
    e[at + VALUE_TAG] = 0;
    long key = 0;
    in.pos = start;
    while (in.pos < end) {
      int tag = (int) in.readVarint64(end);
      int valueStart = in.pos;
      int stop;
      if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        stop = in.readLengthDelimited(end);
        valueStart = in.pos;
        in.pos = stop;
      } else {
        in.skip(tag, end);
        stop = in.pos;
      }
      if (tag == f.mapKey.tag) {
        e[at + KEY_START] = valueStart;
        e[at + KEY_END] = stop;
      } else if (tag == f.mapValue.tag) {
        e[at + VALUE_TAG] = tag;
        e[at + VALUE_START] = valueStart;
        e[at + VALUE_END] = stop;
      }
    }
    int next = in.pos;
    int keyStart = e[at + KEY_START];
    int keyEnd = e[at + KEY_END];
    if (f.mapKey.type == FieldDescriptor.Type.STRING) {
      if (!ValidUtf8.check(in.buf, keyStart, keyEnd - keyStart)) {
        throw CodecException.malformed("a map key is not valid UTF-8");
      }
    } else if (keyEnd > keyStart) {
      key = keyValue(w, f.mapKey, keyStart, keyEnd);
    }
    e[at + KEY_HIGH] = (int) (key >>> 32);
    e[at + KEY_LOW] = (int) key;
    in.pos = next;
  }

  /** An integer or bool key's value as it prints (unsigned 32-bit kinds widened unsigned). */
  private static long keyValue(WireToJson w, FieldSchema key, int start, int end)
      throws CodecException {
    WireInput in = w.in;
    in.pos = start;
    return switch (key.type) {
      case BOOL -> in.readVarint64(end) != 0 ? 1 : 0;
      case INT32 -> (int) in.readVarint64(end);
      case SINT32 -> {
        int v = (int) in.readVarint64(end);
        yield (v >>> 1) ^ -(v & 1);
      }
      case SFIXED32 -> in.readFixed32(end);
      case UINT32 -> Integer.toUnsignedLong((int) in.readVarint64(end));
      case FIXED32 -> Integer.toUnsignedLong(in.readFixed32(end));
      case INT64, UINT64 -> in.readVarint64(end);
      case SINT64 -> {
        long v = in.readVarint64(end);
        yield (v >>> 1) ^ -(v & 1);
      }
      case SFIXED64, FIXED64 -> in.readFixed64(end);
      default -> throw new CodecException(key + " cannot be a map key");
    };
  }

  /**
   * Sets each entry's {@link #ORDER}: itself, or for the first position of a key the entry holding
   * its last value, and -1 where a later position repeats an earlier key.
   */
  private static void order(WireToJson w, FieldSchema key, int base, int n) {
    int capacity = Integer.highestOneBit(n * 2 - 1) << 1;
    int table = w.reserveInts(capacity);
    int[] e = w.ints();
    Arrays.fill(e, table, table + capacity, -1);
    boolean strings = key.type == FieldDescriptor.Type.STRING;
    byte[] buf = w.in.buf;
    int mask = capacity - 1;
    for (int i = 0; i < n; i++) {
      int at = base + i * E;
      e[at + ORDER] = i;
      int hash = strings ? bytesHash(buf, e[at + KEY_START], e[at + KEY_END])
          : e[at + KEY_HIGH] * 31 + e[at + KEY_LOW];
      for (int s = (hash ^ (hash >>> 16)) & mask; ; s = (s + 1) & mask) {
        int first = e[table + s];
        if (first < 0) {
          e[table + s] = i;
          break;
        }
        int other = base + first * E;
        if (strings
            ? Arrays.equals(buf, e[at + KEY_START], e[at + KEY_END],
                buf, e[other + KEY_START], e[other + KEY_END])
            : e[at + KEY_HIGH] == e[other + KEY_HIGH] && e[at + KEY_LOW] == e[other + KEY_LOW]) {
          e[other + ORDER] = i;
          e[at + ORDER] = -1;
          break;
        }
      }
    }
    w.releaseInts(table);
  }

  private static int bytesHash(byte[] buf, int start, int end) {
    int h = 1;
    for (int i = start; i < end; i++) {
      h = 31 * h + buf[i];
    }
    return h * 0x9E3779B9;
  }

  /** Prints the key of the entry at {@code e[at..]} as a member name. */
  private static void key(WireToJson w, FieldSchema key, int[] e, int at) throws IOException {
    long value = (long) e[at + KEY_HIGH] << 32 | (e[at + KEY_LOW] & 0xFFFF_FFFFL);
    switch (key.type) {
      case STRING -> w.g.nameUtf8(w.in.buf, e[at + KEY_START], e[at + KEY_END] - e[at + KEY_START]);
      case BOOL -> w.g.name(value != 0 ? "true" : "false");
      case UINT64, FIXED64 -> w.g.nameNumber(value, true);
      default -> w.g.nameNumber(value, false);
    }
  }
}
