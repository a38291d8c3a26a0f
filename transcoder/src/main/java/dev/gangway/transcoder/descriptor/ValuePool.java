package dev.gangway.transcoder.descriptor;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.FileOptions;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes the values a load repeats one object each: field names, JSON names, type names, enum
 * value names, the per-language file options, and field options. A parsed file holds a new
 * object for each, and {@code Descriptors} keep the parsed protos: googleapis repeats
 * {@code name}, {@code parent}, {@code ".google.protobuf.Timestamp"} and its {@code go_package}
 * prefixes so often that the copies were 20 MiB of its heap (600,000 strings of 136,000 distinct
 * values), and its 74,000 field options (nearly all {@code google.api.field_behavior}, a few
 * dozen distinct values) another 15 MiB. Protobuf messages are immutable, so sharing is safe.
 *
 * <p>Thread-safe: one per load, shared by the threads that parse its files. Which thread's copy of
 * a value becomes the shared one does not matter: the copies are equal.
 */
final class ValuePool {
  private final Map<String, String> pool = new ConcurrentHashMap<>();
  private final Map<FieldOptions, FieldOptions> fieldOptions = new ConcurrentHashMap<>();

  /** The file with every pooled name replaced by the pool's copy. */
  FileDescriptorProto pool(FileDescriptorProto file) {
    FileDescriptorProto.Builder b = file.toBuilder();
    b.setPackage(name(b.getPackage()));
    for (DescriptorProto.Builder message : b.getMessageTypeBuilderList()) {
      message(message);
    }
    for (EnumDescriptorProto.Builder type : b.getEnumTypeBuilderList()) {
      enumType(type);
    }
    for (FieldDescriptorProto.Builder extension : b.getExtensionBuilderList()) {
      field(extension);
    }
    for (ServiceDescriptorProto.Builder service : b.getServiceBuilderList()) {
      for (MethodDescriptorProto.Builder method : service.getMethodBuilderList()) {
        method.setInputType(name(method.getInputType()));
        method.setOutputType(name(method.getOutputType()));
      }
    }
    if (b.hasOptions()) {
      options(b.getOptionsBuilder());
    }
    return b.build();
  }

  private void message(DescriptorProto.Builder message) {
    message.setName(name(message.getName()));
    for (FieldDescriptorProto.Builder field : message.getFieldBuilderList()) {
      field(field);
    }
    for (FieldDescriptorProto.Builder extension : message.getExtensionBuilderList()) {
      field(extension);
    }
    for (DescriptorProto.Builder nested : message.getNestedTypeBuilderList()) {
      message(nested);
    }
    for (EnumDescriptorProto.Builder type : message.getEnumTypeBuilderList()) {
      enumType(type);
    }
  }

  private void field(FieldDescriptorProto.Builder field) {
    field.setName(name(field.getName()));
    if (field.hasJsonName()) {
      field.setJsonName(name(field.getJsonName()));
    }
    if (field.hasTypeName()) {
      field.setTypeName(name(field.getTypeName()));
    }
    if (field.hasExtendee()) {
      field.setExtendee(name(field.getExtendee()));
    }
    if (field.hasOptions()) {
      FieldOptions options = field.getOptions();
      FieldOptions pooled = fieldOptions.putIfAbsent(options, options);
      if (pooled != null) {
        field.setOptions(pooled);
      }
    }
  }

  private void enumType(EnumDescriptorProto.Builder type) {
    for (EnumValueDescriptorProto.Builder value : type.getValueBuilderList()) {
      value.setName(name(value.getName()));
    }
  }

  private void options(FileOptions.Builder options) {
    if (options.hasGoPackage()) {
      options.setGoPackage(name(options.getGoPackage()));
    }
    if (options.hasJavaPackage()) {
      options.setJavaPackage(name(options.getJavaPackage()));
    }
    if (options.hasCsharpNamespace()) {
      options.setCsharpNamespace(name(options.getCsharpNamespace()));
    }
    if (options.hasPhpNamespace()) {
      options.setPhpNamespace(name(options.getPhpNamespace()));
    }
    if (options.hasRubyPackage()) {
      options.setRubyPackage(name(options.getRubyPackage()));
    }
    if (options.hasObjcClassPrefix()) {
      options.setObjcClassPrefix(name(options.getObjcClassPrefix()));
    }
  }

  private String name(String value) {
    String pooled = pool.putIfAbsent(value, value);
    return pooled == null ? value : pooled;
  }
}
