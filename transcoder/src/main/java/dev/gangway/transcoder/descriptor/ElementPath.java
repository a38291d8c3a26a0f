package dev.gangway.transcoder.descriptor;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.GenericDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.List;

/**
 * The element a {@code SourceCodeInfo} location path names in its file: pairs of (field number of
 * descriptor.proto, index), e.g. {@code [4, 0, 2, 1]} is the second field of the first message.
 *
 * <p>Stateless. Setup code: resolves each commented location once per load, so that lookups need
 * no path at all.
 */
final class ElementPath {
  // FileDescriptorProto
  private static final int FILE_MESSAGE = 4;
  private static final int FILE_ENUM = 5;
  private static final int FILE_SERVICE = 6;
  private static final int FILE_EXTENSION = 7;
  // DescriptorProto
  private static final int MESSAGE_FIELD = 2;
  private static final int MESSAGE_NESTED = 3;
  private static final int MESSAGE_ENUM = 4;
  private static final int MESSAGE_EXTENSION = 6;
  private static final int MESSAGE_ONEOF = 8;
  // EnumDescriptorProto, ServiceDescriptorProto
  private static final int ENUM_VALUE = 2;
  private static final int SERVICE_METHOD = 2;

  private ElementPath() {}

  /**
   * The element at {@code path[from, from + length)}, or null for a path that names no element
   * (a single option, a reserved range, an index out of range).
   */
  static GenericDescriptor resolve(FileDescriptor file, int[] path, int from, int length) {
    if (length < 2 || length % 2 != 0) {
      return null;
    }
    GenericDescriptor element = top(file, path[from], path[from + 1]);
    for (int i = from + 2; element != null && i < from + length; i += 2) {
      element = child(element, path[i], path[i + 1]);
    }
    return element;
  }

  private static GenericDescriptor top(FileDescriptor file, int field, int index) {
    return switch (field) {
      case FILE_MESSAGE -> at(file.getMessageTypes(), index);
      case FILE_ENUM -> at(file.getEnumTypes(), index);
      case FILE_SERVICE -> at(file.getServices(), index);
      case FILE_EXTENSION -> at(file.getExtensions(), index);
      default -> null;
    };
  }

  private static GenericDescriptor child(GenericDescriptor parent, int field, int index) {
    if (parent instanceof Descriptor message) {
      return switch (field) {
        case MESSAGE_FIELD -> at(message.getFields(), index);
        case MESSAGE_NESTED -> at(message.getNestedTypes(), index);
        case MESSAGE_ENUM -> at(message.getEnumTypes(), index);
        case MESSAGE_EXTENSION -> at(message.getExtensions(), index);
        case MESSAGE_ONEOF -> at(message.getOneofs(), index);
        default -> null;
      };
    }
    if (parent instanceof EnumDescriptor type && field == ENUM_VALUE) {
      return at(type.getValues(), index);
    }
    if (parent instanceof ServiceDescriptor service && field == SERVICE_METHOD) {
      return at(service.getMethods(), index);
    }
    return null; // below a field, value, method or oneof only options and spans
  }

  private static GenericDescriptor at(List<? extends GenericDescriptor> elements, int index) {
    return index >= 0 && index < elements.size() ? elements.get(index) : null;
  }
}
