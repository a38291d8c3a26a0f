package dev.gangway.transcoder.internal.codec;

import com.fasterxml.jackson.core.io.SerializedString;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;
import java.util.HashMap;
import java.util.Map;

/**
 * One field of a {@link MessageSchema}: everything the reader and the writer need, resolved once
 * (wire tag, printed name, enum names by number, the target schema of a message field, the key
 * and value of a map entry).
 *
 * <p>Immutable and thread-safe once its message schema is published; {@link #message} (and the
 * map parts) are linked by {@link SchemaCompiler} before that.
 */
public final class FieldSchema {
  final FieldDescriptor descriptor;
  final FieldDescriptor.Type type;
  final int number;
  /** The tag of one element in its natural encoding (a packed run uses {@link #packedTag}). */
  final int tag;
  final int packedTag;
  final boolean repeated;
  final boolean map;
  final boolean packable;
  /** Written packed when it is repeated: proto3 default, or {@code [packed = true]}. */
  final boolean packed;
  final boolean presence;
  /**
   * A singular field without presence outside a map entry: its default value is not written, as
   * protobuf's serializers leave it out (so an {@code Any} payload gets the bytes they would).
   */
  final boolean omitDefault;
  /** Index of the real oneof in the containing message, or -1. */
  final int oneof;
  final String fullName;
  final SerializedString outputName;
  /**
   * The JSON name, the spelling a reader expects first ({@code asQuotedUTF8} computed here, so
   * requests only read it).
   */
  final SerializedString jsonName;
  /** {@link #outputName} as {@link JsonText} writes a member name: {@code "name":}. */
  final byte[] quotedName;
  /** For enum fields: the enum's type, its value names by number, and numbers by name. */
  final EnumDescriptor enumType;
  final Map<Integer, String> enumNames;
  final Map<String, Integer> enumNumbers;
  final boolean nullValueEnum;
  /** Position in {@link MessageSchema#fields} (number order). */
  int index;
  MessageSchema message;
  /** For map fields: the entry's key and value fields. */
  FieldSchema mapKey;
  FieldSchema mapValue;

  FieldSchema(FieldDescriptor d, boolean protoNames) {
    this.descriptor = d;
    this.type = d.getType();
    this.number = d.getNumber();
    this.repeated = d.isRepeated();
    this.map = d.isMapField();
    this.packable = d.isPackable();
    this.packed = d.isPacked();
    this.tag = (number << 3) | d.getLiteType().getWireType();
    this.packedTag = (number << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED;
    this.presence = d.hasPresence();
    this.omitDefault =
        !presence && !repeated && !d.getContainingType().getOptions().getMapEntry();
    this.oneof = d.getRealContainingOneof() == null ? -1 : d.getRealContainingOneof().getIndex();
    this.fullName = d.getFullName();
    this.outputName = new SerializedString(protoNames ? d.getName() : d.getJsonName());
    this.quotedName = JsonText.quotedName(outputName.getValue());
    this.jsonName = new SerializedString(d.getJsonName());
    jsonName.asQuotedUTF8();
    if (type == FieldDescriptor.Type.ENUM) {
      this.enumType = d.getEnumType();
      Map<Integer, String> names = new HashMap<>();
      Map<String, Integer> numbers = new HashMap<>();
      for (EnumValueDescriptor v : enumType.getValues()) {
        names.putIfAbsent(v.getNumber(), v.getName()); // aliases: the first name prints
        numbers.put(v.getName(), v.getNumber());
      }
      this.enumNames = Map.copyOf(names);
      this.enumNumbers = Map.copyOf(numbers);
      this.nullValueEnum = enumType.getFullName().equals("google.protobuf.NullValue");
    } else {
      this.enumType = null;
      this.enumNames = Map.of();
      this.enumNumbers = Map.of();
      this.nullValueEnum = false;
    }
  }

  /** The descriptor, for setup code and messages. */
  public FieldDescriptor descriptor() {
    return descriptor;
  }

  boolean isMessage() {
    return type == FieldDescriptor.Type.MESSAGE;
  }

  /** A JSON {@code null} sets this field (to NullValue) instead of leaving it unset. */
  boolean takesNull() {
    return nullValueEnum || (isMessage() && message.wellKnown == WellKnown.VALUE);
  }

  @Override
  public String toString() {
    return fullName;
  }
}
