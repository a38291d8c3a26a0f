package dev.gangway.transcoder.internal.binding;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import java.util.Base64;

/**
 * Small helpers over {@link Message.Builder} that the binding steps share: sub-builders that keep
 * oneof bookkeeping right, presence tests, and value text for error messages.
 *
 * <p>Stateless and thread-safe.
 */
final class FieldAccess {
  private FieldAccess() {}

  /** The member of {@code field}'s oneof that is set and is not {@code field}, or null. */
  static FieldDescriptor oneofRival(Message.Builder builder, FieldDescriptor field) {
    OneofDescriptor oneof = field.getRealContainingOneof();
    if (oneof == null || !builder.hasOneof(oneof)) {
      return null;
    }
    FieldDescriptor set = builder.getOneofFieldDescriptor(oneof);
    return set == field ? null : set;
  }

  /**
   * The builder of message field {@code field}, created when absent. Replaces a rival oneof
   * member: callers that must not do so check {@link #oneofRival} first.
   */
  static Message.Builder child(Message.Builder builder, FieldDescriptor field) {
    if (field.getRealContainingOneof() != null && !builder.hasField(field)) {
      // getFieldBuilder bypasses the oneof case bookkeeping that setField does.
      builder.setField(field, DynamicMessage.getDefaultInstance(field.getMessageType()));
    }
    return builder.getFieldBuilder(field);
  }

  /** Whether a singular field holds a value (proto3 fields without presence: a non-default one). */
  static boolean isSet(Message.Builder builder, FieldDescriptor field) {
    if (field.hasPresence()) {
      return builder.hasField(field);
    }
    return !builder.getField(field).equals(field.getDefaultValue());
  }

  /** A short text of a field value for error messages: strings quoted, enums by name. */
  static String display(Object value) {
    if (value instanceof String s) {
      return Quoting.quote(s);
    }
    if (value instanceof ByteString b) {
      return Quoting.quote(Base64.getEncoder().encodeToString(b.toByteArray()));
    }
    if (value instanceof EnumValueDescriptor e) {
      boolean declared = e.getType().findValueByNumber(e.getNumber()) != null;
      return declared ? e.getName() : Integer.toString(e.getNumber());
    }
    if (value instanceof Message m) {
      return "{" + TextFormat.printer().emittingSingleLine(true).printToString(m).trim() + "}";
    }
    return String.valueOf(value);
  }
}
