package dev.gangway.transcoder.internal.codec;

import com.google.protobuf.UnsafeByteOperations;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The UTF-8 check of the codec (RFC 3629: no overlong forms, no encoded surrogates): the ASCII
 * run at the start is skipped eight bytes at a time, and only the rest, from the first non-ASCII
 * byte, goes to protobuf's validator. Most JSON bodies and protobuf strings are ASCII, and
 * wrapping each short string in a {@code ByteString} to validate it cost more than the check.
 *
 * <p>Stateless and thread-safe.
 */
final class ValidUtf8 {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

  private ValidUtf8() {}

  /** Whether {@code bytes[off, off+len)} is valid UTF-8. */
  static boolean check(byte[] bytes, int off, int len) {
    int i = off;
    int end = off + len;
    // 32 bytes a round while they are ASCII: one test of four words ORed together, a quarter of
    // the loop's branches; the check scans every body before it is read.
    while (i <= end - 32
        && (((long) LONGS.get(bytes, i) | (long) LONGS.get(bytes, i + 8)
            | (long) LONGS.get(bytes, i + 16) | (long) LONGS.get(bytes, i + 24)) & HIGH_BITS) == 0) {
      i += 32;
    }
    while (i <= end - 8 && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
      i += 8;
    }
    while (i < end && bytes[i] >= 0) {
      i++;
    }
    // Everything before i is ASCII, so i starts a character: the rest is checked on its own.
    return i == end || UnsafeByteOperations.unsafeWrap(bytes, i, end - i).isValidUtf8();
  }
}
