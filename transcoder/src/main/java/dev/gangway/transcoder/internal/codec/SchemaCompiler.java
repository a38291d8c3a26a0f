package dev.gangway.transcoder.internal.codec;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles the message types reachable from one root into linked {@link MessageSchema}s: shells
 * for the whole closure first, then their fields, so recursive types link to themselves.
 *
 * <p>Not thread-safe; {@link CodecSchemas} runs it under its lock and publishes the result whole.
 */
final class SchemaCompiler {
  /** Numbers up to this get an array lookup; larger ones (rare) a map. */
  private static final int ARRAY_LOOKUP_LIMIT = 512;

  private final boolean protoNames;
  private final Map<Descriptor, MessageSchema> known;
  private final Map<Descriptor, MessageSchema> compiled = new HashMap<>();

  /**
   * @param known schemas already published, linked to rather than compiled again
   */
  SchemaCompiler(boolean protoNames, Map<Descriptor, MessageSchema> known) {
    this.protoNames = protoNames;
    this.known = known;
  }

  /** Compiles {@code root} and everything it reaches that is not known yet. */
  Map<Descriptor, MessageSchema> compile(Descriptor root) {
    List<MessageSchema> shells = new ArrayList<>();
    collect(root, shells);
    for (MessageSchema shell : shells) {
      fill(shell);
    }
    return compiled;
  }

  private void collect(Descriptor type, List<MessageSchema> shells) {
    if (known.containsKey(type) || compiled.containsKey(type)) {
      return;
    }
    MessageSchema shell = new MessageSchema(type);
    compiled.put(type, shell);
    shells.add(shell);
    for (FieldDescriptor f : type.getFields()) {
      if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        collect(f.getMessageType(), shells);
      }
    }
  }

  private MessageSchema schema(Descriptor type) {
    MessageSchema s = compiled.get(type);
    return s != null ? s : known.get(type);
  }

  private void fill(MessageSchema shell) {
    List<FieldDescriptor> ordered = new ArrayList<>(shell.descriptor.getFields());
    ordered.sort(Comparator.comparingInt(FieldDescriptor::getNumber));
    FieldSchema[] fields = new FieldSchema[ordered.size()];
    Map<String, FieldSchema> byName = new HashMap<>();
    int maxNumber = 0;
    for (int i = 0; i < fields.length; i++) {
      FieldSchema f = field(ordered.get(i));
      f.index = i;
      fields[i] = f;
      byName.put(f.descriptor.getName(), f);
      byName.put(f.descriptor.getJsonName(), f);
      maxNumber = Math.max(maxNumber, f.number);
    }
    shell.fields = fields;
    shell.byName = FieldNames.of(byName);
    shell.oneofCount = shell.descriptor.getRealOneofs().size();
    if (maxNumber <= ARRAY_LOOKUP_LIMIT) {
      shell.byNumber = new FieldSchema[maxNumber + 1];
      for (FieldSchema f : fields) {
        shell.byNumber[f.number] = f;
      }
    } else {
      Map<Integer, FieldSchema> byNumber = new HashMap<>();
      for (FieldSchema f : fields) {
        byNumber.put(f.number, f);
      }
      shell.byNumberMap = Map.copyOf(byNumber);
    }
  }

  private FieldSchema field(FieldDescriptor d) {
    FieldSchema f = new FieldSchema(d, protoNames);
    if (d.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      f.message = schema(d.getMessageType());
      if (d.isMapField()) {
        Descriptor entry = d.getMessageType();
        f.mapKey = field(entry.findFieldByNumber(1));
        f.mapValue = field(entry.findFieldByNumber(2));
      }
    }
    return f;
  }
}
