package dev.gangway.transcoder.internal.codec;

import com.google.protobuf.Descriptors.Descriptor;
import java.util.Map;

/**
 * One message type compiled for the codec: its fields by number and by every JSON spelling
 * (json_name and proto name), in field-number order for printing, and its well-known kind.
 *
 * <p>Immutable and thread-safe once published by {@link CodecSchemas} (the arrays are filled by
 * {@link SchemaCompiler} before that and never changed after).
 */
public final class MessageSchema {
  final Descriptor descriptor;
  final String fullName;
  final WellKnown wellKnown;
  /** Fields sorted by number; {@code index} in the other tables refers to this order. */
  FieldSchema[] fields;
  /** By number when the numbers are small, else null and {@link #byNumberMap} is used. */
  FieldSchema[] byNumber;
  Map<Integer, FieldSchema> byNumberMap;
  /** JSON name and proto name of every field. */
  FieldNames byName;
  int oneofCount;

  MessageSchema(Descriptor descriptor) {
    this.descriptor = descriptor;
    this.fullName = descriptor.getFullName();
    this.wellKnown = WellKnown.of(descriptor);
  }

  /** The descriptor this schema was compiled from. */
  public Descriptor descriptor() {
    return descriptor;
  }

  /** The field with this number, or null when the type has none (an unknown field). */
  FieldSchema field(int number) {
    if (byNumber != null) {
      return number < byNumber.length ? byNumber[number] : null;
    }
    return byNumberMap.get(number);
  }

  /** The field with this number; for the well-known types, whose numbers the spec fixes. */
  FieldSchema fieldNumbered(int number) {
    FieldSchema f = field(number);
    if (f == null) {
      throw new IllegalStateException(fullName + " has no field " + number);
    }
    return f;
  }

  @Override
  public String toString() {
    return fullName;
  }
}
