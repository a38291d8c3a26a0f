package dev.gangway.transcoder.internal.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.TypeRegistry;
import dev.gangway.transcoder.options.JsonInputLimits;
import java.io.IOException;
import java.util.Objects;

/**
 * The proto3 JSON codec of one snapshot, compiled from descriptors: JSON text to protobuf wire
 * bytes and wire bytes to JSON, each in one pass, with the snapshot's options (field names,
 * default values, enums as numbers, unknown-field policy) fixed at build.
 *
 * <p>Immutable and thread-safe; every call makes its own small reader or printer.
 *
 * <pre>{@code
 * CompiledCodec codec =
 *     new CompiledCodec(registry, false, false, false, false, JsonInputLimits.DEFAULT);
 * MessageSchema type = codec.schema(method.getInputType());        // at build
 * byte[] wire = codec.toWire(type, jsonBytes, 0, jsonBytes.length); // per request
 * byte[] json = codec.toJson(type, wire);
 * }</pre>
 */
public final class CompiledCodec {
  private final InPlaceJsonFactory factory;
  private final CodecSchemas schemas;
  private final boolean ignoreUnknown;
  private final JsonInputLimits limits;
  private final boolean emitDefaults;
  private final boolean enumsAsNumbers;

  /**
   * @param protoNames print proto field names instead of JSON names
   * @param emitDefaults print fields without presence that hold their default
   * @param enumsAsNumbers print enum numbers instead of names
   * @param ignoreUnknown drop JSON members (and enum names) that name nothing, instead of a 400
   * @param limits how much JSON one value may hold, enforced as it is read
   */
  public CompiledCodec(
      TypeRegistry registry,
      boolean protoNames,
      boolean emitDefaults,
      boolean enumsAsNumbers,
      boolean ignoreUnknown,
      JsonInputLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.factory = new InPlaceJsonFactory(new JsonFactoryBuilder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.depth().max())
            .maxStringLength(limits.stringLength().max())
            .maxNameLength(limits.stringLength().max())
            .maxNumberLength(limits.numberLength().max())
            .build()));
    this.schemas = new CodecSchemas(Objects.requireNonNull(registry, "registry"), protoNames);
    this.emitDefaults = emitDefaults;
    this.enumsAsNumbers = enumsAsNumbers;
    this.ignoreUnknown = ignoreUnknown;
  }

  /** The compiled schema of {@code type}; call at build so requests find it ready. */
  public MessageSchema schema(Descriptor type) {
    return schemas.schema(Objects.requireNonNull(type, "type"));
  }

  /** The compiled field of a message type; for a rule's {@code body} or {@code response_body}. */
  public FieldSchema field(FieldDescriptor field) {
    MessageSchema container = schema(field.getContainingType());
    return container.fieldNumbered(field.getNumber());
  }

  /** The factory this codec's parsers and generators come from. */
  public JsonFactory factory() {
    return factory;
  }

  /**
   * One JSON value (UTF-8 in {@code json[off, off+len)}, with nothing but whitespace after it)
   * as the wire bytes of {@code type}.
   *
   * @throws CodecException naming the field or value the spec rejects, or the syntax error
   */
  public byte[] toWire(MessageSchema type, byte[] json, int off, int len) throws CodecException {
    requireUtf8(json, off, len);
    try (InPlaceJsonParser p = factory.parser(json, off, len)) {
      WireWriter out = WireWriter.onThreadBuffer(len);
      JsonToWire reader = new JsonToWire(factory, schemas, ignoreUnknown, limits, p, p, out);
      reader.rootMessage(type);
      reader.requireEnd(json, off, len);
      return out.toByteArray();
    } catch (IOException e) {
      throw JsonToWire.syntax(e, limits);
    }
  }

  /** Like {@link #toWire(MessageSchema, byte[], int, int)}, from any parser (e.g. over a tree). */
  public byte[] toWire(MessageSchema type, JsonParser p) throws CodecException {
    WireWriter out = new WireWriter(256);
    new JsonToWire(factory, schemas, ignoreUnknown, limits, p, null, out).rootMessage(type);
    return out.toByteArray();
  }

  /**
   * The elements of a JSON array ({@code json[off, off+len)}), each as its byte range
   * {@code [start, end)} relative to {@code json}, in pairs; for a client stream sent as one
   * array. Checks the syntax and the limits, not the elements' types.
   *
   * @throws CodecException if it is not one JSON array, or goes past a limit
   */
  public int[] arrayElements(byte[] json, int off, int len) throws CodecException {
    try (JsonParser p = factory.parser(json, off, len)) {
      int[] ranges = new JsonToWire(factory, schemas, ignoreUnknown, limits, p, null, null)
          .elementRanges();
      for (int i = 0; i < ranges.length; i++) {
        ranges[i] += off;
      }
      return ranges;
    } catch (IOException e) {
      throw JsonToWire.syntax(e, limits);
    }
  }

  /**
   * One JSON value (nothing but whitespace after it) as the value of {@code field}, encoded as that field of its message (the
   * wire bytes of a message with only this field set).
   */
  public byte[] fieldToWire(FieldSchema field, byte[] json, int off, int len)
      throws CodecException {
    requireUtf8(json, off, len);
    try (InPlaceJsonParser p = factory.parser(json, off, len)) {
      WireWriter out = WireWriter.onThreadBuffer(len + 8);
      JsonToWire reader = new JsonToWire(factory, schemas, ignoreUnknown, limits, p, p, out);
      reader.rootField(field);
      reader.requireEnd(json, off, len);
      return out.toByteArray();
    } catch (IOException e) {
      throw JsonToWire.syntax(e, limits);
    }
  }

  /**
   * Prints the wire bytes of {@code type} as JSON events into {@code g} (e.g. a token buffer);
   * bodies take {@link #toJson}, which writes text without a generator.
   *
   * @throws CodecException if the bytes are not a valid message of the type, or hold a value
   *     proto3 JSON cannot write
   */
  public void write(MessageSchema type, byte[] wire, JsonGenerator g)
      throws IOException, CodecException {
    WireToJson w = new WireToJson(schemas, emitDefaults, enumsAsNumbers, new JsonEvents(g), wire);
    w.message(type, 0, wire.length);
    w.done();
  }

  /** The wire bytes of {@code type} as compact UTF-8 JSON. */
  public byte[] toJson(MessageSchema type, byte[] wire) throws CodecException {
    JsonText text = new JsonText(wire.length * 2);
    try {
      WireToJson w = new WireToJson(schemas, emitDefaults, enumsAsNumbers, text, wire);
      w.message(type, 0, wire.length);
      w.done();
    } catch (IOException e) {
      throw new CodecException("cannot write JSON");
    }
    return text.toByteArray();
  }

  /**
   * The JSON of one field of the message in {@code wire}, or null when the wire does not set it
   * (the caller answers its own "unset" form).
   */
  public byte[] fieldToJson(MessageSchema type, FieldSchema field, byte[] wire)
      throws CodecException {
    JsonText text = new JsonText(wire.length * 2);
    try {
      WireToJson w = new WireToJson(schemas, emitDefaults, enumsAsNumbers, text, wire);
      boolean set = w.fieldValue(type, field, 0, wire.length);
      w.done();
      if (!set) {
        text.toByteArray(); // gives the buffer back
        return null;
      }
    } catch (IOException e) {
      throw new CodecException("cannot write JSON");
    }
    return text.toByteArray();
  }

  /** The JSON of {@code field}'s default value ({@code 0}, {@code ""}, {@code []}, {@code {}}...). */
  public byte[] defaultJson(FieldSchema field) throws CodecException {
    JsonText text = new JsonText(32);
    try {
      WireToJson w = new WireToJson(schemas, emitDefaults, enumsAsNumbers, text, new byte[0]);
      w.printDefault(field);
      w.done();
    } catch (IOException e) {
      throw new CodecException("cannot write JSON");
    }
    return text.toByteArray();
  }

  /**
   * JSON text is UTF-8 (RFC 8259): anything else, overlong forms and encoded surrogates included
   * (which Jackson would decode without a word), is refused before reading. It also makes
   * {@link JsonToWire#copyPlainString} sound.
   */
  private static void requireUtf8(byte[] json, int off, int len) throws CodecException {
    if (!ValidUtf8.check(json, off, len)) {
      throw CodecException.invalid("not valid UTF-8");
    }
  }
}
