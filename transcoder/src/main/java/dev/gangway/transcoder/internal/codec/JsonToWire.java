package dev.gangway.transcoder.internal.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.gangway.transcoder.options.JsonInputLimits;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads proto3 JSON with Jackson's streaming parser and writes the protobuf wire encoding of the
 * same message in the same pass: one token, one write. Messages, repeated fields and maps are
 * handled here; scalars in {@link JsonScalars}, well-known types in {@link JsonWellKnown}.
 *
 * <p>As strict as the proto3 JSON spec: every field at most once under any of its names, one
 * member per oneof, {@code null} as the spec gives it per type, and the rejections of
 * {@link JsonScalars}. Not thread-safe: one per call, made by {@link JsonCodecCore}.
 */
final class JsonToWire {
  /** As protobuf's own parsers: deeper input is refused rather than recursed into. */
  static final int MAX_DEPTH = 100;

  final JsonFactory factory;
  final CodecSchemas schemas;
  final boolean ignoreUnknown;
  final JsonInputLimits limits;
  final JsonParser p;
  final WireWriter out;
  /**
   * {@link #p} when plain strings may be taken from its input bytes (a parser over a body checked
   * to be valid UTF-8), else null (a parser over a token buffer or a tree).
   */
  private final InPlaceJsonParser inPlace;
  /** Where the string {@link #plainShortInteger} read last ends (its closing quote). */
  private int plainIntegerEnd;
  /** {@code limits.entries().max()}, read once per call: it is checked for every member. */
  private final int maxEntries;
  /** {@code limits.stringLength().max()}, read once per call: it bounds every string copied. */
  private final int maxStringLength;
  int depth;

  /**
   * A reader of {@code p}; {@code inPlace} is {@code p} again when plain strings may be copied
   * from its input (see {@link #copyPlainString}), else null.
   */
  JsonToWire(
      JsonFactory factory,
      CodecSchemas schemas,
      boolean ignoreUnknown,
      JsonInputLimits limits,
      JsonParser p,
      InPlaceJsonParser inPlace,
      WireWriter out) {
    this.factory = factory;
    this.schemas = schemas;
    this.ignoreUnknown = ignoreUnknown;
    this.limits = limits;
    this.p = p;
    this.inPlace = inPlace;
    this.out = out;
    this.maxEntries = limits.entries().max();
    this.maxStringLength = limits.stringLength().max();
  }

  /** Reads the next value as a whole message of {@code schema}. */
  void rootMessage(MessageSchema schema) throws CodecException {
    try {
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        throw CodecException.invalid("expected an object");
      }
      messageValue(schema);
    } catch (IOException e) {
      throw syntax(e, limits);
    }
  }

  /** Reads the next value as the value of {@code field} (a rule's {@code body: "<field>"}). */
  void rootField(FieldSchema field) throws CodecException {
    try {
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL && field.isMessage() && !field.repeated && !field.takesNull()) {
        throw CodecException.invalid("expected an object");
      }
      field(field);
    } catch (IOException e) {
      throw syntax(e, limits);
    }
  }

  /**
   * After the root value ({@code json[off, off+len)} being the whole input): nothing but
   * whitespace may follow it ({@code {"a":1} xx}, {@code {}{}}); RFC 8259 makes a JSON text one
   * value. Checked here, past the value the parser already found, rather than by a second scan
   * of the whole body up front.
   */
  void requireEnd(byte[] json, int off, int len) throws CodecException, IOException {
    p.finishToken(); // a root string copied or read from the input bytes was never consumed
    int end = off + len;
    for (int i = off + (int) p.currentLocation().getByteOffset(); i < end; i++) {
      byte c = json[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        throw CodecException.invalid(
            "unexpected text after the JSON value at " + position(json, off, i));
      }
    }
  }

  /** Line and column of {@code json[index]}; columns count UTF-16 characters, as Jackson's do. */
  private static String position(byte[] json, int off, int index) {
    int line = 1;
    int column = 1;
    for (int i = off; i < index; i++) {
      int b = json[i] & 0xFF;
      if (b == '\n') {
        line++;
        column = 1;
      } else if ((b & 0xC0) != 0x80) {
        column += b >= 0xF0 ? 2 : 1; // a 4-byte sequence is two UTF-16 characters
      }
    }
    return "line " + line + " column " + column;
  }

  /**
   * Reads the next value, which must be a JSON array, without a type: the byte ranges of its
   * elements as {@code [start0, end0, start1, end1, ...]}, each element under the limits (each is
   * read as a message later). Nothing may follow the array but whitespace.
   */
  int[] elementRanges() throws CodecException {
    try {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw CodecException.invalid("expected an array");
      }
      int[] ranges = new int[16];
      int entries = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw CodecException.invalid("the array does not end");
        }
        entry(++entries);
        if (2 * entries > ranges.length) {
          ranges = Arrays.copyOf(ranges, ranges.length * 2);
        }
        ranges[2 * entries - 2] = (int) p.currentTokenLocation().getByteOffset();
        skip();
        ranges[2 * entries - 1] = (int) p.currentLocation().getByteOffset();
      }
      if (p.nextToken() != null) {
        throw CodecException.invalid("unexpected text after the array");
      }
      return Arrays.copyOf(ranges, 2 * entries);
    } catch (IOException e) {
      throw syntax(e, limits);
    }
  }

  /**
   * A Jackson failure as a client message: the limit it went past (Jackson's parser enforces
   * depth and string, name and number lengths as it reads, skipped values included), or the
   * position of a syntax error.
   */
  static CodecException syntax(IOException e, JsonInputLimits limits) {
    if (e instanceof StreamConstraintsException) {
      String jackson = e.getMessage() == null ? "" : e.getMessage();
      if (jackson.contains("nesting depth")) {
        return new CodecException("JSON nested deeper than " + limits.depth().max()
            + limits.depth().named());
      }
      if (jackson.startsWith("Number")) {
        return new CodecException("a JSON number is longer than " + limits.numberLength().max()
            + " characters" + limits.numberLength().named());
      }
      return tooLongString(limits);
    }
    if (e instanceof JsonProcessingException j && j.getLocation() != null) {
      return CodecException.invalid(
          "syntax error at line " + j.getLocation().getLineNr()
              + " column " + j.getLocation().getColumnNr());
    }
    return CodecException.invalid("malformed JSON");
  }

  static CodecException tooLongString(JsonInputLimits limits) {
    return new CodecException("a JSON string or member name is longer than "
        + limits.stringLength().max() + " characters" + limits.stringLength().named());
  }

  /**
   * The length of the current string token, checked against the limit: Jackson checks it only
   * when it makes a {@code String} (or its buffer grows), not for the characters read in place.
   */
  int stringLength() throws IOException, CodecException {
    int length = p.getTextLength();
    if (length > limits.stringLength().max()) {
      throw tooLongString(limits);
    }
    return length;
  }

  /**
   * Writes the current string token, length-delimited, straight from the input bytes when it has
   * no escape: valid UTF-8 between the quotes is the string's UTF-8 already (and holds no
   * surrogate), so Jackson need not decode it into characters only for them to be encoded back.
   *
   * @return false when the token cannot be copied (an escape, a control character, no input
   *     array, or more bytes than the string limit allows characters; the character path then
   *     measures it exactly, or Jackson refuses it)
   */
  boolean copyPlainString() {
    if (inPlace == null || !inPlace.atUnreadString()) {
      return false;
    }
    int start = inPlace.plainStringStart();
    int limit = (int) Math.min(inPlace.inputEnd(), start + (long) maxStringLength + 1);
    int end = out.writePlainJsonString(inPlace.input(), start, limit);
    if (end < 0) {
      return false;
    }
    inPlace.skipPlainString(end);
    return true;
  }

  /**
   * The current string token as an integer of at most 18 digits read from the input bytes (the
   * usual int64 form, {@code "12345"}), without Jackson decoding it into characters; else
   * {@link Long#MIN_VALUE} (no input array, or not such an integer: the caller reads it as text).
   * The token is left unread, so a value out of range is still quoted in the message; the caller
   * steps past it with {@link #skipPlainInteger}.
   */
  long plainShortInteger() {
    if (inPlace == null || !inPlace.atUnreadString()) {
      return Long.MIN_VALUE;
    }
    byte[] in = inPlace.input();
    int start = inPlace.plainStringStart();
    int length = JsonNumbers.shortIntegerLength(in, start, inPlace.inputEnd());
    if (length < 0) {
      return Long.MIN_VALUE;
    }
    plainIntegerEnd = start + length;
    return JsonNumbers.shortIntegerValue(in, start, length);
  }

  /** Steps past the current string token after {@link #plainShortInteger} took its value. */
  void skipPlainInteger() {
    inPlace.skipPlainString(plainIntegerEnd);
  }

  /** Counts one more entry of the object or array being read: {@code n} is its new count. */
  void entry(int n) throws CodecException {
    if (n > maxEntries) {
      throw new CodecException("a JSON object or array has more than " + limits.entries().max()
          + " entries" + limits.entries().named());
    }
  }

  /** The current token is a message's JSON: its fields go to {@link #out} (no tag, no length). */
  void messageValue(MessageSchema schema) throws IOException, CodecException {
    messageValue(schema, null);
  }

  /** Like {@link #messageValue(MessageSchema)}, learning member order in {@code order}. */
  private void messageValue(MessageSchema schema, int[] order)
      throws IOException, CodecException {
    if (++depth > MAX_DEPTH) {
      throw CodecException.invalid("nested too deeply");
    }
    if (schema.wellKnown.plainObject()) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw CodecException.invalid("expected an object");
      }
      members(schema, order);
    } else {
      JsonWellKnown.read(this, schema);
    }
    depth--;
  }

  /** Reads the members of an object up to its end. */
  void members(MessageSchema schema) throws IOException, CodecException {
    members(schema, null);
  }

  /**
   * Reads the members of an object up to its end, guessing each next member's field (see
   * {@link #nextMember}): the one after the previous in number order, or, with {@code order}
   * (kept across the elements of one repeated field, whose objects a sender writes alike), the
   * one that followed the previous last time: {@code order[k]} is the index guessed after the
   * field of index {@code k - 1}, {@code order[0]} the first.
   */
  private void members(MessageSchema schema, int[] order) throws IOException, CodecException {
    long seen = 0;
    long[] seenMore = schema.fields.length > 64 ? new long[(schema.fields.length >> 6) + 1] : null;
    FieldSchema[] oneofs = schema.oneofCount > 0 ? new FieldSchema[schema.oneofCount] : null;
    int entries = 0;
    int after = 0; // index + 1 of the previous member's field, 0 at the start
    int expected = order == null ? 0 : order[0];
    for (int i; (i = nextMember(schema, expected)) != END; ) {
      entry(++entries);
      if (i == UNKNOWN) {
        unknown(schema, p.currentName());
        continue;
      }
      FieldSchema f = schema.fields[i];
      boolean again;
      if (seenMore == null) {
        again = (seen & (1L << i)) != 0;
        seen |= 1L << i;
      } else {
        again = (seenMore[i >> 6] & (1L << i)) != 0;
        seenMore[i >> 6] |= 1L << i;
      }
      if (again) {
        throw new CodecException("field " + f.fullName + " is set more than once");
      }
      p.nextToken();
      if (field(f) && f.oneof >= 0) {
        FieldSchema rival = oneofs[f.oneof];
        if (rival != null) {
          throw new CodecException("fields " + f.fullName + " and " + rival.fullName
              + " are in the same oneof; set only one");
        }
        oneofs[f.oneof] = f;
      }
      if (order == null) {
        expected = i + 1;
      } else {
        order[after] = i;
        expected = order[i + 1];
      }
      after = i + 1;
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw CodecException.invalid("expected an object");
    }
  }

  /** What {@link #nextMember} answers at the end of the object. */
  private static final int END = -1;
  /** What {@link #nextMember} answers for a name that is none of the message's fields. */
  private static final int UNKNOWN = -2;

  /**
   * Reads the next member name: the index of the field it names, {@link #UNKNOWN}, or
   * {@link #END} at the end of the object. Senders mostly write fields in the same order
   * (JsonFormat and this codec's printer in number order), so the JSON name of
   * {@code fields[expected]} is tried first, as bytes against the input:
   * Jackson then neither decodes the name nor looks it up in its symbol table, and no lookup by
   * name follows. Any other spelling (the proto name, escapes) takes the lookup.
   */
  private int nextMember(MessageSchema schema, int expected) throws IOException {
    FieldSchema[] fields = schema.fields;
    String name;
    if (expected < fields.length) {
      if (p.nextFieldName(fields[expected].jsonName)) {
        return expected;
      }
      name = p.currentToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
    } else {
      name = p.nextFieldName();
    }
    if (name == null) {
      return END;
    }
    FieldSchema f = schema.byName.get(name);
    return f != null ? f.index : UNKNOWN;
  }

  private void unknown(MessageSchema schema, String name) throws IOException, CodecException {
    if (!ignoreUnknown) {
      throw new CodecException(
          "unknown field " + Quote.json(name) + " in " + schema.fullName);
    }
    p.nextToken();
    skip();
  }

  /**
   * Skips the current value (an ignored unknown member) under the same limits as a value that is
   * read: Jackson's own skipping would not count entries or measure strings.
   */
  private void skip() throws IOException, CodecException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      int entries = 0;
      while (p.nextFieldName() != null) {
        entry(++entries);
        p.nextToken();
        skip();
      }
    } else if (t == JsonToken.START_ARRAY) {
      int entries = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        entry(++entries);
        skip();
      }
    } else if (t == JsonToken.VALUE_STRING) {
      stringLength();
    }
  }

  /**
   * The current token is {@code f}'s value: writes it with its tag.
   *
   * @return whether the field is now set (false for a {@code null} that means "unset")
   */
  boolean field(FieldSchema f) throws IOException, CodecException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      if (f.repeated || !f.takesNull()) {
        return false; // the spec: null is the field's default, i.e. not set
      }
      writeNull(f);
      return true;
    }
    if (f.map) {
      map(f);
    } else if (f.repeated) {
      repeated(f);
    } else {
      return single(f);
    }
    return true;
  }

  /** One value of a singular field or one element; false if an unknown enum name was skipped. */
  private boolean single(FieldSchema f) throws IOException, CodecException {
    if (f.isMessage()) {
      out.writeTag(f.tag);
      out.beginLengthDelimited();
      messageValue(f.message);
      out.endLengthDelimited();
      return true;
    }
    return scalarField(f);
  }

  /** A scalar or enum with its tag; its default is dropped again when the field omits it. */
  boolean scalarField(FieldSchema f) throws IOException, CodecException {
    int mark = out.position();
    out.writeTag(f.tag);
    int valueStart = out.position();
    if (!JsonScalars.write(this, f)) {
      out.truncate(mark);
      return false;
    }
    if (f.omitDefault && out.isZero(valueStart)) {
      out.truncate(mark);
    }
    return true;
  }

  /** {@code null} for a NullValue enum or a {@code google.protobuf.Value}: the null value. */
  private void writeNull(FieldSchema f) {
    out.writeTag(f.tag);
    if (f.nullValueEnum) {
      out.writeRawByte(0);
    } else {
      out.writeRawByte(2); // Value { null_value: NULL_VALUE }: tag 1 varint, 0
      out.writeRawByte(0x08);
      out.writeRawByte(0);
    }
  }

  private void repeated(FieldSchema f) throws IOException, CodecException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw CodecException.invalid("expected an array");
    }
    boolean packed = f.packed && !f.isMessage();
    if (packed) {
      out.writeTag(f.packedTag);
      out.beginLengthDelimited();
    }
    int[] order = f.isMessage() && f.message.wellKnown.plainObject()
        ? firstGuesses(f.message) : null;
    JsonToken t;
    int entries = 0;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      entry(++entries);
      if (t == JsonToken.VALUE_NULL) {
        if (!f.takesNull()) {
          throw CodecException.invalid("null in repeated field " + f.fullName);
        }
        writeNull(f);
      } else if (packed) {
        JsonScalars.write(this, f);
      } else if (order != null) {
        out.writeTag(f.tag);
        out.beginLengthDelimited();
        messageValue(f.message, order);
        out.endLengthDelimited();
      } else {
        single(f);
      }
    }
    if (packed) {
      out.endLengthDelimited();
    }
  }

  /** The member order of {@link #members} before anything is learnt: number order. */
  private static int[] firstGuesses(MessageSchema schema) {
    int[] order = new int[schema.fields.length + 1];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    return order;
  }

  private void map(FieldSchema f) throws IOException, CodecException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw CodecException.invalid("expected an object for map field " + f.fullName);
    }
    KeyPositions keys = null;
    String key;
    int entries = 0;
    while ((key = p.nextFieldName()) != null) {
      entry(++entries);
      if (keys == null) {
        keys = KeyPositions.take();
      }
      if (keys.putIfAbsent(key, entries) >= 0) {
        throw CodecException.invalid(
            "map key " + Quote.json(key) + " is given more than once in field " + f.fullName);
      }
      int mark = out.position();
      out.writeTag(f.tag);
      out.beginLengthDelimited();
      JsonScalars.writeMapKey(this, f.mapKey, key);
      JsonToken t = p.nextToken();
      boolean kept;
      if (t == JsonToken.VALUE_NULL) {
        if (!f.mapValue.takesNull()) {
          throw CodecException.invalid("null as a map value");
        }
        writeNull(f.mapValue);
        kept = true;
      } else {
        kept = single(f.mapValue);
      }
      out.endLengthDelimited();
      if (!kept) {
        out.truncate(mark); // an unknown enum name, ignored by the unknown-field policy
      }
    }
    if (keys != null) {
      keys.give();
    }
  }
}
