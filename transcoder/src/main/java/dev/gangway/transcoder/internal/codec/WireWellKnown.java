package dev.gangway.transcoder.internal.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Prints the well-known types in their proto3 JSON forms from wire bytes: wrappers as the bare
 * value, {@code Timestamp}/{@code Duration} as strings, {@code FieldMask} as comma-separated
 * lowerCamel paths, {@code Struct}/{@code Value}/{@code ListValue} as plain JSON, {@code Any} with
 * {@code @type} resolved through the snapshot's registry. Values the JSON forms cannot hold (a
 * timestamp out of range, a NaN in a {@code Value}, an {@code Any} of an unknown type) are errors.
 *
 * <p>Stateless and thread-safe.
 */
final class WireWellKnown {
  private static final int REC = 4;

  private WireWellKnown() {}

  static void print(WireToJson w, MessageSchema s, int start, int end)
      throws IOException, CodecException {
    int base = w.scan(s, start, end);
    try {
      switch (s.wellKnown) {
        case WRAPPER -> wrapper(w, s, base);
        case TIMESTAMP, DURATION -> secondsAndNanos(w, s, base);
        case FIELD_MASK -> fieldMask(w, base);
        case STRUCT -> struct(w, s, base);
        case LIST_VALUE -> list(w, s, base);
        case VALUE -> value(w, s, base);
        case ANY -> any(w, base);
        case NONE -> throw new IllegalStateException(s + " is not a well-known type");
      }
    } finally {
      w.release(base);
    }
  }

  /** The last record of the field with this number, or -1. */
  private static int last(WireToJson w, int base, int index) {
    int[] recs = w.records();
    int found = -1;
    for (int i = base; i < w.recordsEnd(); i += REC) {
      if (recs[i] == index) {
        found = i;
      }
    }
    return found;
  }

  private static void wrapper(WireToJson w, MessageSchema s, int base)
      throws IOException, CodecException {
    FieldSchema value = s.fieldNumbered(1);
    int r = last(w, base, value.index);
    if (r < 0) {
      w.printDefault(value);
    } else {
      int[] recs = w.records();
      w.scalar(value, recs[r + 1], recs[r + 2], recs[r + 3]);
    }
  }

  private static long varint(WireToJson w, int r) throws CodecException {
    if (r < 0) {
      return 0;
    }
    int[] recs = w.records();
    w.in.pos = recs[r + 2];
    return w.in.readVarint64(recs[r + 3]);
  }

  private static void secondsAndNanos(WireToJson w, MessageSchema s, int base)
      throws IOException, CodecException {
    long seconds = varint(w, last(w, base, s.fieldNumbered(1).index));
    int nanos = (int) varint(w, last(w, base, s.fieldNumbered(2).index));
    String text;
    try {
      text = s.wellKnown == WellKnown.TIMESTAMP
          ? TimeText.timestamp(seconds, nanos)
          : TimeText.duration(seconds, nanos);
    } catch (IllegalArgumentException e) {
      throw new CodecException(s.fullName + " out of range for JSON");
    }
    w.g.string(text);
  }

  private static void fieldMask(WireToJson w, int base) throws IOException, CodecException {
    int[] recs = w.records();
    StringBuilder out = new StringBuilder();
    for (int i = base; i < w.recordsEnd(); i += REC) {
      String path = new String(w.in.buf, recs[i + 2], recs[i + 3] - recs[i + 2],
          StandardCharsets.UTF_8);
      if (path.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append(',');
      }
      boolean upper = false;
      for (int c = 0; c < path.length(); c++) {
        char ch = path.charAt(c);
        if (ch == '_') {
          upper = true;
        } else {
          out.append(upper ? Character.toUpperCase(ch) : ch);
          upper = false;
        }
      }
    }
    w.g.string(out.toString());
  }

  private static void struct(WireToJson w, MessageSchema s, int base)
      throws IOException, CodecException {
    if (w.recordsEnd() == base) {
      w.g.startObject();
      w.g.endObject();
      return;
    }
    WireMaps.print(w, s.fieldNumbered(1), w.records(), base, w.recordsEnd());
  }

  private static void list(WireToJson w, MessageSchema s, int base)
      throws IOException, CodecException {
    w.elements(s.fieldNumbered(1), base, w.recordsEnd());
  }

  /**
   * The kind set last on the wire wins, as for any oneof; no kind at all prints null. A struct or
   * list kind given several times since the last other kind merges, as protobuf merges a message.
   */
  private static void value(WireToJson w, MessageSchema s, int base)
      throws IOException, CodecException {
    int[] recs = w.records();
    int r = -1;
    for (int i = base; i < w.recordsEnd(); i += REC) {
      if (r < 0 || recs[i + 2] > recs[r + 2]) {
        r = i;
      }
    }
    if (r < 0) {
      w.g.nul();
      return;
    }
    FieldSchema kind = s.fields[recs[r]];
    if (kind.isMessage()) {
      int lastRival = -1;
      for (int i = base; i < w.recordsEnd(); i += REC) {
        if (recs[i] != recs[r]) {
          lastRival = Math.max(lastRival, recs[i + 2]);
        }
      }
      int from = r; // records of one field are together, in wire order, r the last of them
      while (from - REC >= base && recs[from - REC] == recs[r] && recs[from - REC + 2] > lastRival) {
        from -= REC;
      }
      w.mergedMessage(kind.message, from, r + REC);
      return;
    }
    int tag = recs[r + 1];
    int start = recs[r + 2];
    int end = recs[r + 3];
    switch (kind.number) {
      case 1 -> w.g.nul();
      case 2 -> {
        w.in.pos = start;
        double d = Double.longBitsToDouble(w.in.readFixed64(end));
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw new CodecException("a google.protobuf.Value number is NaN or infinite");
        }
        w.g.number(d);
      }
      default -> w.scalar(kind, tag, start, end);
    }
  }

  private static void any(WireToJson w, int base) throws IOException, CodecException {
    int[] recs = w.records();
    int url = last(w, base, 0);
    int value = last(w, base, 1);
    String typeUrl = url < 0 ? "" : new String(w.in.buf, recs[url + 2],
        recs[url + 3] - recs[url + 2], StandardCharsets.UTF_8);
    int valueStart = value < 0 ? 0 : recs[value + 2];
    int valueEnd = value < 0 ? 0 : recs[value + 3];
    if (typeUrl.isEmpty()) {
      if (valueEnd > valueStart) {
        throw new CodecException("google.protobuf.Any has a value but no type_url");
      }
      w.g.startObject();
      w.g.endObject();
      return;
    }
    MessageSchema payload = w.schemas.forTypeUrl(typeUrl);
    if (payload == null) {
      throw new CodecException("google.protobuf.Any of unknown type " + typeUrl);
    }
    w.g.startObject();
    w.g.name("@type");
    w.g.string(typeUrl);
    if (payload.wellKnown.plainObject()) {
      w.fields(payload, valueStart, valueEnd);
    } else {
      w.g.name("value");
      w.message(payload, valueStart, valueEnd);
    }
    w.g.endObject();
  }
}
