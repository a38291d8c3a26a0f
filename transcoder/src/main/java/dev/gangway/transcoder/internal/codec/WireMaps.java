package dev.gangway.transcoder.internal.codec;

import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Prints a map field's entries as a JSON object: keys as JSON strings, values as the value type's
 * JSON, absent keys and values as their defaults. A key the wire repeats keeps its first position
 * and its last value, as protobuf's map fields do.
 *
 * <p>Stateless and thread-safe.
 */
final class WireMaps {
  private static final int REC = 4;

  private WireMaps() {}

  /** Prints the entries recorded at {@code [r, runEnd)} of the printer's records. */
  static void print(WireToJson w, FieldSchema f, int[] records, int r, int runEnd)
      throws IOException, CodecException {
    int n = (runEnd - r) / REC;
    int[] starts = new int[n];
    int[] ends = new int[n];
    for (int i = 0; i < n; i++) {
      starts[i] = records[r + i * REC + 2];
      ends[i] = records[r + i * REC + 3];
    }
    String[] keys = new String[n];
    int[] value = new int[n * 3]; // tag, start, end of each entry's value; tag 0 when absent
    for (int i = 0; i < n; i++) {
      keys[i] = entry(w, f, starts[i], ends[i], value, i * 3);
    }
    int[] order = n == 1 ? new int[] {0} : lastValueFirstPosition(keys);
    w.g.writeStartObject();
    for (int i : order) {
      if (i < 0) {
        continue;
      }
      w.g.writeFieldName(keys[i]);
      int tag = value[i * 3];
      if (tag == 0) {
        w.printDefault(f.mapValue);
      } else {
        w.scalar(f.mapValue, tag, value[i * 3 + 1], value[i * 3 + 2]);
      }
    }
    w.g.writeEndObject();
  }

  /**
   * For each first position of a key, the entry holding its last value; -1 where a later
   * position repeats an earlier key.
   */
  private static int[] lastValueFirstPosition(String[] keys) {
    KeyPositions first = new KeyPositions();
    int[] order = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      int at = first.putIfAbsent(keys[i], i);
      if (at < 0) {
        order[i] = i;
      } else {
        order[at] = i;
        order[i] = -1;
      }
    }
    return order;
  }

  /** Reads one entry: returns its key as JSON text, puts its value's location at {@code slot}. */
  private static String entry(WireToJson w, FieldSchema f, int start, int end, int[] value, int slot)
      throws CodecException {
    WireInput in = w.in;
    int keyTag = 0;
    int keyStart = 0;
    int keyEnd = 0;
    value[slot] = 0;
    in.pos = start;
    while (in.pos < end) {
      int tag = (int) in.readVarint64(end);
      int at = in.pos;
      int stop;
      if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        stop = in.readLengthDelimited(end);
        at = in.pos;
        in.pos = stop;
      } else {
        in.skip(tag, end);
        stop = in.pos;
      }
      if (tag == f.mapKey.tag) {
        keyTag = tag;
        keyStart = at;
        keyEnd = stop;
      } else if (tag == f.mapValue.tag) {
        value[slot] = tag;
        value[slot + 1] = at;
        value[slot + 2] = stop;
      }
    }
    int next = in.pos;
    String key = keyTag == 0 ? defaultKey(f.mapKey) : key(w, f.mapKey, keyStart, keyEnd);
    in.pos = next;
    return key;
  }

  private static String defaultKey(FieldSchema key) {
    return switch (key.type) {
      case STRING -> "";
      case BOOL -> "false";
      default -> "0";
    };
  }

  private static String key(WireToJson w, FieldSchema key, int start, int end)
      throws CodecException {
    WireInput in = w.in;
    in.pos = start;
    return switch (key.type) {
      case STRING -> {
        if (!com.google.protobuf.UnsafeByteOperations.unsafeWrap(in.buf, start, end - start)
            .isValidUtf8()) {
          throw CodecException.malformed("a map key is not valid UTF-8");
        }
        yield new String(in.buf, start, end - start, StandardCharsets.UTF_8);
      }
      case BOOL -> in.readVarint64(end) != 0 ? "true" : "false";
      case INT32 -> Integer.toString((int) in.readVarint64(end));
      case SINT32 -> {
        int v = (int) in.readVarint64(end);
        yield Integer.toString((v >>> 1) ^ -(v & 1));
      }
      case SFIXED32 -> Integer.toString(in.readFixed32(end));
      case UINT32 -> Integer.toUnsignedString((int) in.readVarint64(end));
      case FIXED32 -> Integer.toUnsignedString(in.readFixed32(end));
      case INT64 -> Long.toString(in.readVarint64(end));
      case SINT64 -> {
        long v = in.readVarint64(end);
        yield Long.toString((v >>> 1) ^ -(v & 1));
      }
      case SFIXED64 -> Long.toString(in.readFixed64(end));
      case UINT64 -> Long.toUnsignedString(in.readVarint64(end));
      case FIXED64 -> Long.toUnsignedString(in.readFixed64(end));
      default -> throw new CodecException(key + " cannot be a map key");
    };
  }
}
