package dev.gangway.transcoder.descriptor;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where binary {@code FileDescriptorSet}s come from: a file, a directory of files, or bytes already
 * in memory.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * LoadedDescriptors loaded = DescriptorLoader.load(List.of(
 *     DescriptorSource.path(Path.of("descriptors")),  // each *.pb, *.binpb, *.desc, *.protoset
 *     DescriptorSource.bytes("inline", set.toByteArray())));
 * }</pre>
 */
public sealed interface DescriptorSource
    permits DescriptorSource.FromPath, DescriptorSource.FromBytes {

  /**
   * A descriptor set file, or a directory: each file directly in it whose name ends in .pb, .binpb,
   * .desc or .protoset (any case) is loaded, in file-name order (code-point order). Subdirectories
   * are not searched; files with other extensions are skipped.
   */
  static DescriptorSource path(Path path) {
    return new FromPath(path);
  }

  /** A descriptor set held in memory; {@code name} stands for it in {@link LoadProblem}s. */
  static DescriptorSource bytes(String name, byte[] data) {
    Objects.requireNonNull(data, "data");
    return new FromBytes(name, ByteString.copyFrom(data));
  }

  /**
   * Whether {@code path} is a directory without descriptor set files, which loading it would
   * report as a problem; for callers that get descriptors elsewhere too (server reflection) and
   * leave such a directory out.
   */
  static boolean isEmptyDirectory(Path path) {
    Objects.requireNonNull(path, "path");
    return SourceReader.isEmptyDirectory(path);
  }

  /** How this source is named in {@link LoadedDescriptors#sources()} and in problems. */
  String name();

  /** A file or directory on disk. */
  record FromPath(Path path) implements DescriptorSource {
    public FromPath {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String name() {
      return path.toString();
    }
  }

  /** Bytes of one descriptor set; {@link ByteString} keeps them immutable. */
  record FromBytes(String name, ByteString data) implements DescriptorSource {
    public FromBytes {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(data, "data");
    }
  }
}
