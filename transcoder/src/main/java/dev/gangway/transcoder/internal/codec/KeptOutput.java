package dev.gangway.transcoder.internal.codec;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * The JSON generator's output, written into this thread's {@link KeptBuffer} and copied out at
 * its exact length by {@link #toByteArray}, which gives the buffer back.
 *
 * <p>Not thread-safe; one per call.
 */
final class KeptOutput extends OutputStream {
  private byte[] buf;
  private int pos;

  KeptOutput(int expected) {
    this.buf = KeptBuffer.take(expected);
  }

  @Override
  public void write(int b) {
    ensure(1);
    buf[pos++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }

  /** The bytes written, as a new array of exactly that length; this output is done after. */
  byte[] toByteArray() {
    byte[] bytes = Arrays.copyOf(buf, pos);
    KeptBuffer.give(buf);
    return bytes;
  }
}
