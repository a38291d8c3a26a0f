package dev.gangway.transcoder.descriptor;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.TypeRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one {@link DescriptorLoader#load}: the files that loaded, their services, every
 * message type for {@code Any}, what was read and what went wrong.
 *
 * <p>Immutable and thread-safe; a reload makes a new one.
 */
public final class LoadedDescriptors {
  private final List<FileDescriptor> files;
  private final List<ServiceDescriptor> services;
  private final List<String> sources;
  private final List<LoadProblem> problems;
  private final TypeRegistry typeRegistry;
  private final ProtoComments comments;

  LoadedDescriptors(
      List<FileDescriptor> files,
      List<ServiceDescriptor> services,
      List<String> sources,
      List<LoadProblem> problems,
      TypeRegistry typeRegistry,
      ProtoComments comments) {
    this.files = List.copyOf(files);
    this.services = List.copyOf(services);
    this.sources = List.copyOf(sources);
    this.problems = List.copyOf(problems);
    this.typeRegistry = Objects.requireNonNull(typeRegistry, "typeRegistry");
    this.comments = Objects.requireNonNull(comments, "comments");
  }

  /** The comments of the loaded files, for those loaded from sets with source info. */
  public ProtoComments comments() {
    return comments;
  }

  /**
   * The files loaded from the sources, sorted by file name. Built-in files (well-known types,
   * google/api, google/rpc) are not listed, even when a set carried a copy.
   */
  public List<FileDescriptor> files() {
    return files;
  }

  /** Every service of {@link #files()}: by file name, then in declaration order. */
  public List<ServiceDescriptor> services() {
    return services;
  }

  /**
   * The descriptor sets read, as file paths or source names, in load order. A file that could not
   * be read or parsed is not listed; it has a problem instead.
   */
  public List<String> sources() {
    return sources;
  }

  /** What went wrong, in the order found; the parts concerned are left out of this snapshot. */
  public List<LoadProblem> problems() {
    return problems;
  }

  /** Every message type of the loaded and built-in files, for JSON {@code Any} handling. */
  public TypeRegistry typeRegistry() {
    return typeRegistry;
  }

  /** The message type with this full name (e.g. {@code google.protobuf.Timestamp}), for setup. */
  public Optional<Descriptor> findMessage(String fullName) {
    Objects.requireNonNull(fullName, "fullName");
    return Optional.ofNullable(typeRegistry.find(fullName));
  }
}
