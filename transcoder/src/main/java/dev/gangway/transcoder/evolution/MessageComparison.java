package dev.gangway.transcoder.evolution;

import com.google.api.FieldBehavior;
import com.google.api.FieldBehaviorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashSet;
import java.util.Set;

/**
 * Walks a pair of message types of the same name (served, new) and every message and enum type
 * their fields reach, adding what breaks to a shared set.
 *
 * <p>Not thread-safe; one per comparison. Each (type, direction) pair is compared once, so
 * recursive types end.
 */
final class MessageComparison {
  private final Set<BreakingChange> changes;
  private final Set<String> seen = new HashSet<>();

  MessageComparison(Set<BreakingChange> changes) {
    this.changes = changes;
  }

  /**
   * Compares two versions of one message type; {@code request}: reached from a method's input,
   * where a newly required field breaks callers.
   */
  void compare(Descriptor old, Descriptor now, boolean request) {
    // Built-in types (well-known types, google.rpc) are the same objects in both generations.
    if (old == now || !seen.add((request ? "in " : "out ") + old.getFullName())) {
      return;
    }
    for (FieldDescriptor field : old.getFields()) {
      FieldDescriptor same = now.findFieldByName(field.getName());
      if (same == null) {
        removed(field, now);
      } else {
        field(field, same, request);
      }
    }
    if (request) {
      for (FieldDescriptor field : now.getFields()) {
        FieldDescriptor before = old.findFieldByName(field.getName());
        if (required(field) && (before == null || !required(before))) {
          add(BreakingChange.Kind.FIELD_NEWLY_REQUIRED, field.getFullName(),
              before == null ? "new field, REQUIRED" : "now REQUIRED");
        }
      }
    }
  }

  private void removed(FieldDescriptor field, Descriptor now) {
    FieldDescriptor sameNumber = now.findFieldByNumber(field.getNumber());
    add(BreakingChange.Kind.FIELD_REMOVED, field.getFullName(),
        sameNumber == null
            ? "number " + field.getNumber() + " is gone"
            : "number " + field.getNumber() + " is now " + sameNumber.getName());
  }

  private void field(FieldDescriptor old, FieldDescriptor now, boolean request) {
    if (old.getNumber() != now.getNumber()) {
      add(BreakingChange.Kind.FIELD_NUMBER_CHANGED, old.getFullName(),
          old.getNumber() + " -> " + now.getNumber());
    }
    String oldType = typeOf(old);
    String newType = typeOf(now);
    if (!oldType.equals(newType)) {
      add(BreakingChange.Kind.FIELD_TYPE_CHANGED, old.getFullName(), oldType + " -> " + newType);
      return;
    }
    if (old.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      compare(old.getMessageType(), now.getMessageType(), request);
    } else if (old.getJavaType() == FieldDescriptor.JavaType.ENUM) {
      enumeration(old.getEnumType(), now.getEnumType());
    }
  }

  private void enumeration(EnumDescriptor old, EnumDescriptor now) {
    if (old == now || !seen.add("enum " + old.getFullName())) {
      return;
    }
    for (EnumValueDescriptor value : old.getValues()) {
      EnumValueDescriptor same = now.findValueByName(value.getName());
      if (same == null) {
        add(BreakingChange.Kind.ENUM_VALUE_REMOVED, value.getFullName(),
            "number " + value.getNumber() + " is gone");
      } else if (same.getNumber() != value.getNumber()) {
        add(BreakingChange.Kind.ENUM_VALUE_REMOVED, value.getFullName(),
            "number " + value.getNumber() + " -> " + same.getNumber());
      }
    }
  }

  /**
   * What a client sees of a field's type: {@code int64}, {@code repeated pkg.Book},
   * {@code map<string, int32>}. Map entries are compared by key and value type, not by the
   * generated entry message's name.
   */
  static String typeOf(FieldDescriptor field) {
    if (field.isMapField()) {
      Descriptor entry = field.getMessageType();
      return "map<" + typeOf(entry.findFieldByNumber(1)) + ", "
          + typeOf(entry.findFieldByNumber(2)) + ">";
    }
    String scalar = switch (field.getJavaType()) {
      case MESSAGE -> field.getMessageType().getFullName();
      case ENUM -> field.getEnumType().getFullName();
      default -> field.getType().name().toLowerCase(java.util.Locale.ROOT);
    };
    return field.isRepeated() ? "repeated " + scalar : scalar;
  }

  private static boolean required(FieldDescriptor field) {
    return field.getOptions().getExtension(FieldBehaviorProto.fieldBehavior)
        .contains(FieldBehavior.REQUIRED);
  }

  private void add(BreakingChange.Kind kind, String subject, String detail) {
    changes.add(new BreakingChange(kind, subject, detail));
  }
}
