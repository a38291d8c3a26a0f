package dev.gangway.transcoder.descriptor;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.Deflater;

/**
 * Reads the comments of one file's {@code SourceCodeInfo} straight from its wire bytes (no
 * {@code Location} objects) into a {@link FileComments}: the path and comment of each commented
 * element, the texts deflated.
 *
 * <p>Not thread-safe: it reuses its buffers and deflater from file to file, so each thread that
 * parses files has its own; {@link #close} frees the deflater's native memory.
 */
final class CommentReader implements AutoCloseable {
  private static final int LOCATION_TAG = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int PATH_PACKED_TAG = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int PATH_TAG = tag(1, WireFormat.WIRETYPE_VARINT);
  private static final int LEADING_TAG = tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int TRAILING_TAG = tag(4, WireFormat.WIRETYPE_LENGTH_DELIMITED);

  // Reused per file: a load reads thousands of files, and fresh buffers each time were first
  // touches of fresh memory.
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
   * The comments of {@code file}, from its source info's wire bytes; empty if it has none.
   *
   * @throws IOException if the bytes are not a SourceCodeInfo
   */
  Optional<FileComments> read(String file, ByteString sourceInfo) throws IOException {
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
    if (texts == 0) {
      return Optional.empty();
    }
    return Optional.of(new FileComments(file, paths.toArray(), deflate(), textLength, texts));
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

  @Override
  public void close() {
    deflater.end();
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

    void clear() {
      size = 0;
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
