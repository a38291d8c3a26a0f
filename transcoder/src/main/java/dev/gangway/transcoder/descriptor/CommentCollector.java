package dev.gangway.transcoder.descriptor;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.GenericDescriptor;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.Deflater;

/**
 * Collects the comments of one load into a {@link ProtoComments}: reads each file's
 * {@code SourceCodeInfo} straight from its wire bytes (no {@code Location} objects), keeps the
 * path and comment of each commented element, deflates each file's texts, and once the files are
 * linked resolves every path to its descriptor.
 *
 * <p>Not thread-safe; confine to the loader.
 */
final class CommentCollector {
  private static final int LOCATION_TAG = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int PATH_PACKED_TAG = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int PATH_TAG = tag(1, WireFormat.WIRETYPE_VARINT);
  private static final int LEADING_TAG = tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int TRAILING_TAG = tag(4, WireFormat.WIRETYPE_LENGTH_DELIMITED);

  /** One file's comments until the files are linked. */
  private record Pending(String file, int chunk, int[] paths) {}

  private final Set<String> seen = new HashSet<>();
  private final List<Pending> pending = new ArrayList<>();
  private final List<byte[]> chunks = new ArrayList<>();
  private final IntList inflatedLengths = new IntList();
  private final IntList firstText = new IntList();
  private int textCount;

  // Reused per file.
  private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
  private byte[] text = new byte[1 << 16];
  private int textLength;
  private byte[] out = new byte[1 << 16];
  private final IntList paths = new IntList();
  private int[] path = new int[16];

  private static int tag(int field, int wireType) {
    return field << 3 | wireType;
  }

  /**
   * Keeps the comments of one file's {@code SourceCodeInfo} (its wire bytes); the first copy of a
   * file wins, as for definitions.
   *
   * @throws IOException if the bytes are not a SourceCodeInfo
   */
  void add(String file, ByteString sourceInfo) throws IOException {
    if (!seen.add(file)) {
      return;
    }
    textLength = 0;
    paths.clear();
    int texts = 0;
    CodedInputStream in = sourceInfo.newCodedInput();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag != LOCATION_TAG) {
        in.skipField(tag);
        continue;
      }
      int limit = in.pushLimit(in.readRawVarint32());
      texts += location(in, sourceInfo);
      in.popLimit(limit);
    }
    if (texts > 0) {
      pending.add(new Pending(file, chunks.size(), paths.toArray()));
      chunks.add(deflate());
      inflatedLengths.add(textLength);
      firstText.add(textCount);
      textCount += texts;
    }
  }

  /** Reads one Location; keeps it if it names an element and has a comment. */
  private int location(CodedInputStream in, ByteString sourceInfo) throws IOException {
    int depth = 0;
    int leading = -1;
    int leadingLength = 0;
    int trailing = -1;
    int trailingLength = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == PATH_PACKED_TAG) {
        int limit = in.pushLimit(in.readRawVarint32());
        while (in.getBytesUntilLimit() > 0) {
          depth = push(depth, in.readInt32());
        }
        in.popLimit(limit);
      } else if (tag == PATH_TAG) {
        depth = push(depth, in.readInt32());
      } else if (tag == LEADING_TAG) {
        leadingLength = in.readRawVarint32();
        leading = in.getTotalBytesRead();
        in.skipRawBytes(leadingLength);
      } else if (tag == TRAILING_TAG) {
        trailingLength = in.readRawVarint32();
        trailing = in.getTotalBytesRead();
        in.skipRawBytes(trailingLength);
      } else {
        in.skipField(tag); // span, detached comments
      }
    }
    // Elements have even paths (field number, index, ...); odd ones are single fields.
    if ((leading < 0 && trailing < 0) || depth == 0 || depth % 2 != 0) {
      return 0;
    }
    paths.add(depth);
    paths.addAll(path, depth);
    if (leading >= 0) {
      appendText(sourceInfo, leading, leadingLength);
    } else {
      appendText(sourceInfo, trailing, trailingLength);
    }
    return 1;
  }

  private int push(int depth, int element) {
    if (depth == path.length) {
      path = Arrays.copyOf(path, depth * 2);
    }
    path[depth] = element;
    return depth + 1;
  }

  private void appendText(ByteString sourceInfo, int offset, int length) {
    ensureText(textLength + 5 + length);
    for (int v = length; ; v >>>= 7) {
      if ((v & ~0x7f) == 0) {
        text[textLength++] = (byte) v;
        break;
      }
      text[textLength++] = (byte) (v & 0x7f | 0x80);
    }
    sourceInfo.copyTo(text, offset, textLength, length);
    textLength += length;
  }

  private void ensureText(int size) {
    if (size > text.length) {
      text = Arrays.copyOf(text, Math.max(size, text.length * 2));
    }
  }

  private byte[] deflate() {
    deflater.reset();
    deflater.setInput(text, 0, textLength);
    deflater.finish();
    int n = 0;
    while (!deflater.finished()) {
      if (n == out.length) {
        out = Arrays.copyOf(out, out.length * 2);
      }
      n += deflater.deflate(out, n, out.length - n);
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * The comments of the files that linked: each kept path resolved to its element in
   * {@code files} (a name to its linked or built-in file, or null for one that failed).
   */
  ProtoComments build(Function<String, FileDescriptor> files) {
    deflater.end();
    if (pending.isEmpty()) {
      return ProtoComments.NONE;
    }
    IdentityIndex index = new IdentityIndex(textCount);
    int filesWithComments = 0;
    for (Pending file : pending) {
      FileDescriptor descriptor = files.apply(file.file());
      if (descriptor == null) {
        continue;
      }
      boolean any = false;
      int[] p = file.paths();
      int text = firstText.get(file.chunk());
      for (int i = 0; i < p.length; i += 1 + p[i], text++) {
        GenericDescriptor element = ElementPath.resolve(descriptor, p, i + 1, p[i]);
        if (element != null) {
          any |= index.putIfAbsent(element, text);
        }
      }
      filesWithComments += any ? 1 : 0;
    }
    return new ProtoComments(chunks.toArray(new byte[0][]), inflatedLengths.toArray(),
        firstText.toArray(), index, filesWithComments);
  }

  /** Reads comments from a parsed SourceCodeInfo (a file whose source info was not split off). */
  void add(String file, SourceCodeInfo info) throws IOException {
    add(file, info.toByteString());
  }

  /** A growable int array. */
  private static final class IntList {
    private int[] values = new int[64];
    private int size;

    void add(int value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    void addAll(int[] from, int length) {
      for (int i = 0; i < length; i++) {
        add(from[i]);
      }
    }

    int get(int i) {
      return values[i];
    }

    void clear() {
      size = 0;
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
