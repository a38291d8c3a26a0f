package dev.gangway.transcoder.descriptor;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How big the descriptor sets of a load are, and so about how much heap loading them will keep:
 * measured before loading, so that a reload that cannot fit is refused before it starts.
 *
 * <p>Immutable. {@link #of} streams each file through a wire-format scan that skips every field
 * but the sizes of the source info, so it costs a read of the files and almost no heap.
 *
 * @param setBytes bytes of all sets
 * @param sourceInfoBytes the part of them that is {@code SourceCodeInfo} (spans and comments)
 */
public record DescriptorFootprint(long setBytes, long sourceInfoBytes) {
  /**
   * Heap kept per byte of a set without source info: the googleapis corpus (21 MB) keeps 213 MiB
   * as a transcoder, about 10.6 bytes per byte; rounded up.
   */
  static final double HEAP_PER_SET_BYTE = 11;
  /**
   * Heap kept per byte of source info: only the comments are kept, deflated, with an index by
   * element (16 MiB for googleapis' 61 MB of source info), about 0.27; rounded up.
   */
  static final double HEAP_PER_SOURCE_INFO_BYTE = 0.3;

  /**
   * Heap the OpenAPI documents of these sets take, per byte of a set without source info: while
   * they are written, the plan of every operation (21 MiB for googleapis' 21 MB) and the
   * compressed documents growing; after, the compressed documents. Rounded up.
   */
  static final double OPENAPI_HEAP_PER_SET_BYTE = 1.5;
  /**
   * The same per byte of source info: the comments become descriptions, which make the
   * compressed documents larger (googleapis with comments: 10.5 MB of JSON and 10.8 MB of YAML
   * compressed, from 61 MB of source info). Rounded up.
   */
  static final double OPENAPI_HEAP_PER_SOURCE_INFO_BYTE = 0.25;

  private static final int FILE_TAG =
      FileDescriptorSet.FILE_FIELD_NUMBER << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  private static final int SOURCE_INFO_TAG =
      FileDescriptorProto.SOURCE_CODE_INFO_FIELD_NUMBER << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;

  /** Measures the sets the sources name; what cannot be read counts as nothing. */
  public static DescriptorFootprint of(List<Path> paths) {
    Objects.requireNonNull(paths, "paths");
    long total = 0;
    long sourceInfo = 0;
    for (Path path : paths) {
      for (Path file : files(path)) {
        try (InputStream in = Files.newInputStream(file)) {
          total += Files.size(file);
          sourceInfo += sourceInfoBytes(CodedInputStream.newInstance(in));
        } catch (IOException | RuntimeException e) {
          // Unreadable or not a set: the load reports it; it keeps no heap.
        }
      }
    }
    return new DescriptorFootprint(total, sourceInfo);
  }

  /** About how many bytes of heap a transcoder built from these sets keeps. */
  public long estimatedHeapBytes() {
    return (long) ((setBytes - sourceInfoBytes) * HEAP_PER_SET_BYTE
        + sourceInfoBytes * HEAP_PER_SOURCE_INFO_BYTE);
  }

  /**
   * About how many more bytes of heap building and keeping the OpenAPI documents of every route
   * of these sets takes (the gateway keeps them gzip-compressed).
   */
  public long estimatedOpenApiHeapBytes() {
    return (long) ((setBytes - sourceInfoBytes) * OPENAPI_HEAP_PER_SET_BYTE
        + sourceInfoBytes * OPENAPI_HEAP_PER_SOURCE_INFO_BYTE);
  }

  private static List<Path> files(Path path) {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> listing = Files.list(path)) {
      return listing.filter(SourceReader::hasDescriptorExtension).filter(Files::isRegularFile)
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static long sourceInfoBytes(CodedInputStream in) throws IOException {
    in.setSizeLimit(Integer.MAX_VALUE);
    long bytes = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag != FILE_TAG) {
        in.skipField(tag);
        continue;
      }
      int limit = in.pushLimit(in.readRawVarint32());
      for (int inner = in.readTag(); inner != 0; inner = in.readTag()) {
        if (inner == SOURCE_INFO_TAG) {
          int length = in.readRawVarint32();
          bytes += length;
          in.skipRawBytes(length);
        } else {
          in.skipField(inner);
        }
      }
      in.popLimit(limit);
      in.resetSizeCounter();
    }
    return bytes;
  }
}
