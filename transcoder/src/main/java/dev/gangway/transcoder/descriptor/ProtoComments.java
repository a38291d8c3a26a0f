package dev.gangway.transcoder.descriptor;

import com.google.protobuf.Descriptors.GenericDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The comments of the loaded .proto files (from sets built with {@code --include_source_info}),
 * for documentation: the comment above or after each service, method, message, field, oneof, enum
 * and enum value.
 *
 * <p>Thread-safe; immutable but for a cache of the last file's comments decoded. Only the comment
 * texts are kept, not {@code SourceCodeInfo}: googleapis has 1.4 million locations, one in five
 * with a comment, and the spans and detached comments nobody reads cost more heap than all the
 * routes. The source info is decoded once, at load: each commented location is resolved to its
 * element then, and a lookup is one identity-hash probe by descriptor. The texts of each file are
 * kept deflated (googleapis: 35 MB of comments in 9 MB); a lookup in another file than the last
 * inflates that file's texts (a few KiB), which is for documentation, never on the request path.
 *
 * <pre>{@code
 * loaded.comments().of(method).ifPresent(doc -> ...);  // " Gets a shelf.\n"
 * }</pre>
 */
public final class ProtoComments {
  static final ProtoComments NONE =
      new ProtoComments(new byte[0][], new int[0], new int[0], new IdentityIndex(0), 0);

  /** Per file with comments: its texts, each after its length as a varint, deflated. */
  private final byte[][] chunks;
  /** Per chunk: its length inflated. */
  private final int[] inflatedLengths;
  /** Per chunk: the number of its first text; texts are numbered across chunks, in order. */
  private final int[] firstText;
  /** Element to the number of its text. */
  private final IdentityIndex texts;
  private final int files;

  /** The last chunk inflated: lookups for one document mostly stay in one file for a while. */
  private volatile Inflated last;

  /** One chunk's texts inflated; {@code starts[i]} to {@code starts[i + 1]} is text i. */
  private record Inflated(int chunk, byte[] bytes, int[] starts, int[] ends) {}

  ProtoComments(byte[][] chunks, int[] inflatedLengths, int[] firstText, IdentityIndex texts,
      int files) {
    this.chunks = chunks;
    this.inflatedLengths = inflatedLengths;
    this.firstText = firstText;
    this.texts = texts;
    this.files = files;
  }

  /**
   * The leading comment of an element, else its trailing comment, as protoc recorded it (the
   * comment markers removed, line breaks kept); empty when it has none or its file was loaded
   * without source info. The element must come from the same load (lookups are by identity).
   */
  public Optional<String> of(GenericDescriptor element) {
    Objects.requireNonNull(element, "element");
    int text = texts.get(element);
    if (text < 0) {
      return Optional.empty();
    }
    int chunk = chunkOf(text);
    Inflated inflated = last;
    if (inflated == null || inflated.chunk() != chunk) {
      inflated = inflate(chunk);
      last = inflated;
    }
    int i = text - firstText[chunk];
    return Optional.of(new String(inflated.bytes(), inflated.starts()[i],
        inflated.ends()[i] - inflated.starts()[i], StandardCharsets.UTF_8));
  }

  /** How many files have comments. */
  public int files() {
    return files;
  }

  /** How many elements have a comment. */
  public int elements() {
    return texts.size();
  }

  /** Bytes held for all comments, texts and index (for the benchmarks' heap figures). */
  public long bytes() {
    long sum = texts.bytes() + 12L * chunks.length;
    for (byte[] chunk : chunks) {
      sum += chunk.length;
    }
    return sum;
  }

  private int chunkOf(int text) {
    int found = Arrays.binarySearch(firstText, text);
    return found >= 0 ? found : -found - 2;
  }

  private Inflated inflate(int chunk) {
    byte[] bytes = new byte[inflatedLengths[chunk]];
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(chunks[chunk]);
      int n = 0;
      while (n < bytes.length) {
        int got = inflater.inflate(bytes, n, bytes.length - n);
        if (got == 0 && (inflater.finished() || inflater.needsInput())) {
          break;
        }
        n += got;
      }
      if (n != bytes.length) {
        throw new IllegalStateException("comments chunk " + chunk + " is truncated");
      }
    } catch (DataFormatException e) {
      throw new IllegalStateException("comments chunk " + chunk + " is corrupt", e);
    } finally {
      inflater.end();
    }
    return split(chunk, bytes);
  }

  /** Reads the varint length before each text. */
  private static Inflated split(int chunk, byte[] bytes) {
    int[] starts = new int[16];
    int[] ends = new int[16];
    int count = 0;
    int pos = 0;
    while (pos < bytes.length) {
      int length = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = bytes[pos++];
        length |= (b & 0x7f) << shift;
        if (b >= 0) {
          break;
        }
      }
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        ends = Arrays.copyOf(ends, count * 2);
      }
      starts[count] = pos;
      ends[count] = pos + length;
      count++;
      pos += length;
    }
    return new Inflated(chunk, bytes, starts, ends);
  }
}
