package dev.gangway.transcoder.internal.codec;

import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Arrays;

/**
 * Prints protobuf wire bytes as proto3 JSON straight into a Jackson generator. Each message is
 * scanned once for its field occurrences (offsets only), then printed in field-number order from
 * those offsets: the last occurrence of a singular field wins, repeated occurrences of a message
 * merge, packed and unpacked runs join, the last member of a oneof wins, and a map key given
 * twice keeps its last value, all as protobuf's own parser would have it. Unknown fields are
 * skipped. Well-known types print through {@link WireWellKnown}.
 *
 * <p>Not thread-safe: one per call, made by {@link JsonCodecCore}.
 */
final class WireToJson {
  /** As protobuf's parsers: deeper messages are refused rather than recursed into. */
  private static final int MAX_DEPTH = 100;
  private static final int REC = 4; // ints per occurrence: field index, tag, start, end

  final CodecSchemas schemas;
  final boolean emitDefaults;
  final boolean enumsAsNumbers;
  final JsonSink g;
  final WireInput in;
  private static final KeptInts KEPT_RECORDS = new KeptInts(256);
  private static final KeptInts KEPT_SCRATCH = new KeptInts(1024);

  private int[] recs = KEPT_RECORDS.take();
  private int top;
  /** Scratch ints taken and released in stack order (map entries, see {@link WireMaps}). */
  private int[] ints = KEPT_SCRATCH.take();
  private int intsTop;
  private int depth;

  WireToJson(
      CodecSchemas schemas,
      boolean emitDefaults,
      boolean enumsAsNumbers,
      JsonSink g,
      byte[] bytes) {
    this.schemas = schemas;
    this.emitDefaults = emitDefaults;
    this.enumsAsNumbers = enumsAsNumbers;
    this.g = g;
    this.in = new WireInput(bytes);
  }

  /** Gives this thread's kept arrays back, once printing is done; this printer is done after. */
  void done() {
    KEPT_RECORDS.give(recs);
    KEPT_SCRATCH.give(ints);
  }

  /** Prints the message in {@code [start, end)} of the current buffer as its JSON. */
  void message(MessageSchema s, int start, int end) throws IOException, CodecException {
    if (++depth > MAX_DEPTH) {
      throw CodecException.malformed("nested too deeply");
    }
    if (s.wellKnown.plainObject()) {
      g.startObject();
      fields(s, start, end);
      g.endObject();
    } else {
      WireWellKnown.print(this, s, start, end);
    }
    depth--;
  }

  /** Prints the fields of the message in {@code [start, end)} into an open JSON object. */
  void fields(MessageSchema s, int start, int end) throws IOException, CodecException {
    int base = scan(s, start, end);
    int stop = top;
    FieldSchema[] fields = s.fields;
    int r = base;
    for (int fi = 0; fi < fields.length; fi++) {
      int runEnd = r;
      while (runEnd < stop && recs[runEnd] == fi) {
        runEnd += REC;
      }
      FieldSchema f = fields[fi];
      if (runEnd == r) {
        if (emitDefaults && !f.presence) {
          g.name(f);
          printDefault(f);
        }
        continue;
      }
      if (f.oneof >= 0) {
        int from = oneofFrom(s, f, base, stop, r, runEnd);
        if (from < 0) {
          r = runEnd;
          continue; // a later member of the same oneof replaced this one
        }
        value(f, from, runEnd, false);
      } else {
        value(f, r, runEnd, !f.presence);
      }
      r = runEnd;
    }
    top = base;
  }

  /**
   * Prints the value of one field of the message in {@code [start, end)}, as it would appear in
   * the message's JSON, without its name.
   *
   * @return false (nothing printed) when the wire does not set the field
   */
  boolean fieldValue(MessageSchema s, FieldSchema f, int start, int end)
      throws IOException, CodecException {
    int base = scan(s, start, end);
    int r = base;
    while (r < top && recs[r] != f.index) {
      r += REC;
    }
    int runEnd = r;
    while (runEnd < top && recs[runEnd] == f.index) {
      runEnd += REC;
    }
    if (runEnd == r) {
      top = base;
      return false;
    }
    if (f.map) {
      WireMaps.print(this, f, recs, r, runEnd);
    } else if (f.repeated) {
      elements(f, r, runEnd);
    } else if (f.isMessage()) {
      mergedMessage(f.message, r, runEnd);
    } else {
      int last = runEnd - REC;
      scalar(f, recs[last + 1], recs[last + 2], recs[last + 3]);
    }
    top = base;
    return true;
  }

  /**
   * Prints the value of {@code f} from its occurrences {@code [r, runEnd)} of the records.
   *
   * @param skipDefault a singular field without presence holding its default is not printed
   */
  private void value(FieldSchema f, int r, int runEnd, boolean skipDefault)
      throws IOException, CodecException {
    if (f.map) {
      g.name(f);
      WireMaps.print(this, f, recs, r, runEnd);
      return;
    }
    if (f.repeated) {
      g.name(f);
      elements(f, r, runEnd);
      return;
    }
    int last = runEnd - REC;
    if (f.isMessage()) {
      g.name(f);
      mergedMessage(f.message, r, runEnd);
      return;
    }
    if (skipDefault && !emitDefaults && isDefault(recs[last + 1], recs[last + 2], recs[last + 3])) {
      return;
    }
    g.name(f);
    scalar(f, recs[last + 1], recs[last + 2], recs[last + 3]);
  }

  /**
   * The first record of {@code f}'s run that still counts: -1 if a rival member of its oneof
   * comes later on the wire, else the first occurrence after the last rival.
   */
  private int oneofFrom(MessageSchema s, FieldSchema f, int base, int stop, int r, int runEnd) {
    int lastRival = -1;
    for (int i = base; i < stop; i += REC) {
      FieldSchema other = s.fields[recs[i]];
      if (other != f && other.oneof == f.oneof) {
        lastRival = Math.max(lastRival, recs[i + 2]);
      }
    }
    if (recs[runEnd - REC + 2] < lastRival) {
      return -1;
    }
    int from = r;
    while (recs[from + 2] < lastRival) {
      from += REC;
    }
    return from;
  }

  /** A singular message given once (the usual case) or several times (the parts merge). */
  void mergedMessage(MessageSchema s, int r, int runEnd) throws IOException, CodecException {
    if (runEnd - r == REC) {
      message(s, recs[r + 2], recs[r + 3]);
      return;
    }
    int length = 0;
    for (int i = r; i < runEnd; i += REC) {
      length += recs[i + 3] - recs[i + 2];
    }
    byte[] merged = new byte[length];
    int at = 0;
    for (int i = r; i < runEnd; i += REC) {
      int n = recs[i + 3] - recs[i + 2];
      System.arraycopy(in.buf, recs[i + 2], merged, at, n);
      at += n;
    }
    byte[] outer = in.buf;
    in.buf = merged;
    message(s, 0, length);
    in.buf = outer;
  }

  void elements(FieldSchema f, int r, int runEnd) throws IOException, CodecException {
    g.startArray();
    for (int i = r; i < runEnd; i += REC) {
      int tag = recs[i + 1];
      int start = recs[i + 2];
      int end = recs[i + 3];
      if (f.isMessage()) {
        message(f.message, start, end);
      } else if (f.packable && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        int elementTag = f.tag;
        in.pos = start;
        while (in.pos < end) {
          int at = in.pos;
          in.skip(elementTag, end);
          scalar(f, elementTag, at, in.pos);
        }
      } else {
        scalar(f, tag, start, end);
      }
    }
    g.endArray();
  }

  /**
   * Records the known fields of the message in {@code [start, end)} as (field index, tag, value
   * start, value end), sorted by field index and stable, and returns where they begin.
   */
  int scan(MessageSchema s, int start, int end) throws CodecException {
    int base = top;
    boolean sorted = true;
    int previous = -1;
    in.pos = start;
    while (in.pos < end) {
      int tag = (int) in.readVarint64(end);
      int number = WireFormat.getTagFieldNumber(tag);
      if (number == 0) {
        throw CodecException.malformed("malformed tag");
      }
      int wireType = WireFormat.getTagWireType(tag);
      int valueStart = in.pos;
      int valueEnd;
      if (wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        valueEnd = in.readLengthDelimited(end);
        valueStart = in.pos;
        in.pos = valueEnd;
      } else {
        in.skip(tag, end);
        valueEnd = in.pos;
      }
      FieldSchema f = s.field(number);
      if (f == null || !(tag == f.tag || (f.packable && tag == f.packedTag))) {
        continue; // unknown, or a wire type this field cannot have: unknown to protobuf too
      }
      if (top + REC > recs.length) {
        recs = Arrays.copyOf(recs, recs.length * 2);
      }
      recs[top] = f.index;
      recs[top + 1] = tag;
      recs[top + 2] = valueStart;
      recs[top + 3] = valueEnd;
      top += REC;
      sorted &= f.index >= previous;
      previous = f.index;
    }
    if (!sorted) {
      sort(base);
    }
    return base;
  }

  /** Stable sort of the records from {@code base} by field index (rare: out-of-order writers). */
  private void sort(int base) {
    int n = (top - base) / REC;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = (long) recs[base + i * REC] << 32 | i;
    }
    Arrays.sort(keys);
    int[] copy = Arrays.copyOfRange(recs, base, top);
    for (int i = 0; i < n; i++) {
      System.arraycopy(copy, (int) keys[i] * REC, recs, base + i * REC, REC);
    }
  }

  /** The records array (for {@link WireMaps} and {@link WireWellKnown}); re-read after a print. */
  int[] records() {
    return recs;
  }

  /** The end of the records {@link #scan} added. */
  int recordsEnd() {
    return top;
  }

  /** Takes {@code n} scratch ints: returns where they start in {@link #ints()}. */
  int reserveInts(int n) {
    if (intsTop + n > ints.length) {
      ints = Arrays.copyOf(ints, Math.max(ints.length * 2, intsTop + n));
    }
    int at = intsTop;
    intsTop += n;
    return at;
  }

  /** The scratch ints; re-read after anything that may reserve more (a nested print). */
  int[] ints() {
    return ints;
  }

  /** Gives back the scratch ints from {@code at} on. */
  void releaseInts(int at) {
    intsTop = at;
  }

  /** Drops the records from {@code base} on, once the message they describe is printed. */
  void release(int base) {
    top = base;
  }

  private boolean isDefault(int tag, int start, int end) throws CodecException {
    switch (WireFormat.getTagWireType(tag)) {
      case WireFormat.WIRETYPE_VARINT -> {
        in.pos = start;
        return in.readVarint64(end) == 0;
      }
      case WireFormat.WIRETYPE_FIXED32 -> {
        in.pos = start;
        return in.readFixed32(end) == 0; // -0.0f has bits, so it is not the default
      }
      case WireFormat.WIRETYPE_FIXED64 -> {
        in.pos = start;
        return in.readFixed64(end) == 0;
      }
      default -> {
        return end == start;
      }
    }
  }

  /** Prints one scalar or enum value of {@code f} held at {@code [start, end)} with {@code tag}. */
  void scalar(FieldSchema f, int tag, int start, int end) throws IOException, CodecException {
    in.pos = start;
    switch (f.type) {
      case INT32 -> g.number((int) in.readVarint64(end));
      case SINT32 -> {
        int v = (int) in.readVarint64(end);
        g.number((v >>> 1) ^ -(v & 1));
      }
      case SFIXED32 -> g.number(in.readFixed32(end));
      case UINT32 -> g.number(Integer.toUnsignedLong((int) in.readVarint64(end)));
      case FIXED32 -> g.number(Integer.toUnsignedLong(in.readFixed32(end)));
      case INT64 -> g.quotedNumber(in.readVarint64(end), false);
      case SINT64 -> {
        long v = in.readVarint64(end);
        g.quotedNumber((v >>> 1) ^ -(v & 1), false);
      }
      case SFIXED64 -> g.quotedNumber(in.readFixed64(end), false);
      case UINT64 -> g.quotedNumber(in.readVarint64(end), true);
      case FIXED64 -> g.quotedNumber(in.readFixed64(end), true);
      case DOUBLE -> writeDouble(Double.longBitsToDouble(in.readFixed64(end)));
      case FLOAT -> writeFloat(Float.intBitsToFloat(in.readFixed32(end)));
      case BOOL -> g.bool(in.readVarint64(end) != 0);
      case STRING -> string(start, end);
      case BYTES -> g.base64(in.buf, start, end - start);
      case ENUM -> enumValue(f, (int) in.readVarint64(end));
      case MESSAGE -> message(f.message, start, end);
      case GROUP -> throw new CodecException("groups have no proto3 JSON form (field " + f + ")");
    }
  }

  void string(int start, int end) throws IOException, CodecException {
    if (!ValidUtf8.check(in.buf, start, end - start)) {
      throw CodecException.malformed("a string is not valid UTF-8");
    }
    g.stringUtf8(in.buf, start, end - start);
  }

  void writeDouble(double d) throws IOException {
    if (Double.isNaN(d)) {
      g.string("NaN");
    } else if (Double.isInfinite(d)) {
      g.string(d > 0 ? "Infinity" : "-Infinity");
    } else {
      g.number(d);
    }
  }

  private void writeFloat(float f) throws IOException {
    if (Float.isNaN(f)) {
      g.string("NaN");
    } else if (Float.isInfinite(f)) {
      g.string(f > 0 ? "Infinity" : "-Infinity");
    } else {
      g.number(f);
    }
  }

  private void enumValue(FieldSchema f, int number) throws IOException {
    if (f.nullValueEnum) {
      g.nul();
      return;
    }
    String name = enumsAsNumbers ? null : f.enumNames.get(number);
    if (name == null) {
      g.number(number); // unknown numbers print as numbers, as in JsonFormat
    } else {
      g.string(name);
    }
  }

  /** The JSON of an unset field without presence: {@code 0}, {@code ""}, {@code []}, ... */
  void printDefault(FieldSchema f) throws IOException, CodecException {
    if (f.map) {
      g.startObject();
      g.endObject();
      return;
    }
    if (f.repeated) {
      g.startArray();
      g.endArray();
      return;
    }
    switch (f.type) {
      case INT64, SINT64, SFIXED64, UINT64, FIXED64 -> g.quotedNumber(0, false);
      case INT32, SINT32, SFIXED32, UINT32, FIXED32 -> g.number(0);
      case DOUBLE -> g.number(0.0d);
      case FLOAT -> g.number(0.0f);
      case BOOL -> g.bool(false);
      case STRING, BYTES -> g.string("");
      case ENUM -> enumValue(f, f.enumType.getValues().get(0).getNumber());
      case MESSAGE, GROUP -> message(f.message, 0, 0);
    }
  }
}
