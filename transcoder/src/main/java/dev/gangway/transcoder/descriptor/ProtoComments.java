package dev.gangway.transcoder.descriptor;

import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.GenericDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The comments of the loaded .proto files (from sets built with {@code --include_source_info}),
 * for documentation: the comment above or after each service, method, message, field, enum and
 * enum value.
 *
 * <p>Immutable and thread-safe. Only the comments are kept, not the whole {@code SourceCodeInfo}:
 * a googleapis set holds 1.4 million locations, one in five with a comment, and the spans and
 * detached comments nobody reads cost more heap than all the routes. Each file's comments are
 * kept as the bytes of a reduced {@code SourceCodeInfo} (path and comments only) and decoded on
 * lookup, which is for documentation, never on the request path.
 *
 * <pre>{@code
 * loaded.comments().of(method).ifPresent(doc -> ...);  // " Gets a shelf.\n"
 * }</pre>
 */
public final class ProtoComments {
  static final ProtoComments NONE = new ProtoComments(Map.of());

  /** File name to the bytes of its reduced SourceCodeInfo. */
  private final Map<String, byte[]> byFile;

  private ProtoComments(Map<String, byte[]> byFile) {
    this.byFile = byFile;
  }

  /**
   * The leading comment of an element, else its trailing comment, as protoc recorded it (the
   * comment markers removed, line breaks kept); empty when it has none or its file was loaded
   * without source info.
   */
  public Optional<String> of(GenericDescriptor element) {
    Objects.requireNonNull(element, "element");
    byte[] data = byFile.get(element.getFile().getName());
    List<Integer> path = path(element);
    if (data == null || path.isEmpty()) {
      return Optional.empty();
    }
    SourceCodeInfo info;
    try {
      info = SourceCodeInfo.parseFrom(data);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("comments of " + element.getFile().getName(), e);
    }
    for (SourceCodeInfo.Location location : info.getLocationList()) {
      if (location.getPathList().equals(path)) {
        return Optional.of(location.hasLeadingComments()
            ? location.getLeadingComments() : location.getTrailingComments());
      }
    }
    return Optional.empty();
  }

  /** How many files have comments. */
  public int files() {
    return byFile.size();
  }

  /** Bytes held for all comments (for the benchmarks' heap figures). */
  public long bytes() {
    return byFile.values().stream().mapToLong(b -> b.length).sum();
  }

  /**
   * The element's location path in its file, as descriptor.proto numbers the fields of
   * FileDescriptorProto and its parts; empty for a file.
   */
  private static List<Integer> path(GenericDescriptor element) {
    List<Integer> path = new ArrayList<>();
    if (element instanceof Descriptor message) {
      if (message.getContainingType() == null) {
        path.addAll(List.of(4, message.getIndex())); // message_type
      } else {
        path.addAll(path(message.getContainingType()));
        path.addAll(List.of(3, message.getIndex())); // nested_type
      }
    } else if (element instanceof FieldDescriptor field) {
      if (!field.isExtension()) {
        path.addAll(path(field.getContainingType()));
        path.addAll(List.of(2, field.getIndex())); // field
      } else if (field.getExtensionScope() == null) {
        path.addAll(List.of(7, field.getIndex())); // extension
      } else {
        path.addAll(path(field.getExtensionScope()));
        path.addAll(List.of(6, field.getIndex())); // nested extension
      }
    } else if (element instanceof OneofDescriptor oneof) {
      path.addAll(path(oneof.getContainingType()));
      path.addAll(List.of(8, oneof.getIndex())); // oneof_decl
    } else if (element instanceof EnumDescriptor type) {
      if (type.getContainingType() == null) {
        path.addAll(List.of(5, type.getIndex())); // enum_type
      } else {
        path.addAll(path(type.getContainingType()));
        path.addAll(List.of(4, type.getIndex())); // nested enum_type
      }
    } else if (element instanceof EnumValueDescriptor value) {
      path.addAll(path(value.getType()));
      path.addAll(List.of(2, value.getIndex())); // value
    } else if (element instanceof ServiceDescriptor service) {
      path.addAll(List.of(6, service.getIndex())); // service
    } else if (element instanceof MethodDescriptor method) {
      path.addAll(path(method.getService()));
      path.addAll(List.of(2, method.getIndex())); // method
    }
    return path;
  }

  /**
   * Collects the comments of one load. Not thread-safe; confine to the loader.
   */
  static final class Collector {
    private final Map<String, byte[]> byFile = new HashMap<>();

    /** Keeps the comments of {@code info}; the first copy of a file wins, as for definitions. */
    void add(String file, SourceCodeInfo info) {
      if (byFile.containsKey(file)) {
        return;
      }
      SourceCodeInfo.Builder kept = SourceCodeInfo.newBuilder();
      for (SourceCodeInfo.Location location : info.getLocationList()) {
        // Elements have even paths (field number, index, ...); odd ones are single fields.
        boolean commented = location.hasLeadingComments() || location.hasTrailingComments();
        if (commented && location.getPathCount() % 2 == 0) {
          SourceCodeInfo.Location.Builder reduced =
              SourceCodeInfo.Location.newBuilder().addAllPath(location.getPathList());
          if (location.hasLeadingComments()) {
            reduced.setLeadingComments(location.getLeadingComments());
          }
          if (location.hasTrailingComments()) {
            reduced.setTrailingComments(location.getTrailingComments());
          }
          kept.addLocation(reduced);
        }
      }
      if (kept.getLocationCount() > 0) {
        byFile.put(file, kept.build().toByteArray());
      }
    }

    ProtoComments build() {
      return byFile.isEmpty() ? NONE : new ProtoComments(Collections.unmodifiableMap(byFile));
    }
  }
}
