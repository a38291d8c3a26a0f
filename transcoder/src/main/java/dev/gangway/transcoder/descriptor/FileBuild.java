package dev.gangway.transcoder.descriptor;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of building one file's {@link FileDescriptor} from its imports: the file, or why it
 * cannot be built. A function of the file and its imports only, so it is the same on any thread
 * and may be made ahead of the linker ({@link FileBuilds}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param file the file built, or null if it could not be
 * @param problem why it could not be (the message of its {@link LoadProblem}), or null
 */
record FileBuild(FileDescriptor file, String problem) {

  static FileBuild of(FileCandidate file, FileDescriptor[] dependencies) {
    try {
      FileDescriptor built = FileDescriptor.buildFrom(file.proto(), dependencies);
      Optional<String> badEntry = malformedMapEntry(built.getMessageTypes());
      if (badEntry.isPresent()) {
        return failed(file.name() + " is malformed: " + badEntry.get());
      }
      return new FileBuild(built, null);
    } catch (DescriptorValidationException | IllegalArgumentException e) {
      // IllegalArgumentException: e.g. an edition newer than this protobuf-java supports.
      return failed(file.name() + " is invalid: " + e.getMessage());
    } catch (RuntimeException e) {
      // buildFrom trusts protoc's output; malformed input such as a field without a type ends in
      // a NullPointerException whose text means nothing to the user.
      return failed(file.name() + " is malformed; protobuf-java cannot build it (" + e + ")");
    }
  }

  private static FileBuild failed(String problem) {
    return new FileBuild(null, problem);
  }

  /**
   * A map entry type without its {@code key = 1} and {@code value = 2} fields, which protoc never
   * writes but {@code buildFrom} accepts: every map field's reader and printer assumes both
   * (found by {@code DescriptorSetFuzz}).
   */
  private static Optional<String> malformedMapEntry(List<Descriptor> types) {
    for (Descriptor type : types) {
      if (type.getOptions().getMapEntry()
          && (type.findFieldByNumber(1) == null || type.findFieldByNumber(2) == null
              || type.getFields().size() != 2)) {
        return Optional.of("map entry type " + type.getFullName()
            + " does not have exactly the fields key = 1 and value = 2");
      }
      Optional<String> nested = malformedMapEntry(type.getNestedTypes());
      if (nested.isPresent()) {
        return nested;
      }
    }
    return Optional.empty();
  }
}
