package dev.gangway.transcoder.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A {@link JsonSink} that writes compact UTF-8 JSON text straight into this thread's
 * {@link KeptBuffer}, copied out at its exact length by {@link #toByteArray}. It replaces a Jackson
 * generator on the body path: a generator per call (its context objects, its recycled buffer, its
 * structure checks per token, and its own buffer copied into ours) cost about a fifth of printing
 * an 8 KB message. The codec's walk of the schema already guarantees the structure.
 *
 * <p>Escapes what Jackson's generator escaped, so bodies are byte for byte as before: {@code "},
 * {@code \}, and control characters ({@code \b \t \n \f \r} short, the rest as {@code \\u00XX});
 * everything else, non-ASCII included, is written as UTF-8. Field names come pre-quoted from
 * {@link FieldSchema#quotedName}.
 *
 * <p>Not thread-safe; one per call.
 */
final class JsonText implements JsonSink {
  /** Per ASCII byte: 0 written as is, else the character after the backslash ('u': {@code \\u00XX}). */
  private static final byte[] ESCAPES = new byte[128];
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = 'u';
    }
    ESCAPES['\b'] = 'b';
    ESCAPES['\t'] = 't';
    ESCAPES['\n'] = 'n';
    ESCAPES['\f'] = 'f';
    ESCAPES['\r'] = 'r';
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
  }

  private byte[] buf;
  private int pos;
  /** A value or a closed container was written last: the next name or value needs a comma. */
  private boolean comma;

  JsonText(int expected) {
    this.buf = KeptBuffer.take(expected);
  }

  /** The text written, as a new array of exactly that length; this output is done after. */
  byte[] toByteArray() {
    byte[] bytes = Arrays.copyOf(buf, pos);
    KeptBuffer.give(buf);
    return bytes;
  }

  /** {@code "text":} for a name spelled {@code text}, escaped as this class escapes strings. */
  static byte[] quotedName(String text) {
    JsonText t = new JsonText(text.length() * 6 + 3);
    t.name(text);
    return t.toByteArray();
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }

  /** Before a name or a value: the comma after the previous one, and room for {@code more}. */
  private void next(int more) {
    ensure(more + 1);
    if (comma) {
      buf[pos++] = ',';
    }
  }

  @Override
  public void startObject() {
    next(1);
    buf[pos++] = '{';
    comma = false;
  }

  @Override
  public void endObject() {
    ensure(1);
    buf[pos++] = '}';
    comma = true;
  }

  @Override
  public void startArray() {
    next(1);
    buf[pos++] = '[';
    comma = false;
  }

  @Override
  public void endArray() {
    ensure(1);
    buf[pos++] = ']';
    comma = true;
  }

  @Override
  public void name(FieldSchema f) {
    byte[] quoted = f.quotedName;
    next(quoted.length);
    System.arraycopy(quoted, 0, buf, pos, quoted.length);
    pos += quoted.length;
    comma = false;
  }

  @Override
  public void name(String name) {
    string(name);
    colon();
  }

  @Override
  public void nameUtf8(byte[] utf8, int off, int len) {
    stringUtf8(utf8, off, len);
    colon();
  }

  @Override
  public void nameNumber(long value, boolean unsigned) {
    quotedNumber(value, unsigned);
    colon();
  }

  private void colon() {
    ensure(1);
    buf[pos++] = ':';
    comma = false;
  }

  @Override
  public void string(String text) {
    int len = text.length();
    next(len * 3 + 2);
    buf[pos++] = '"';
    for (int i = 0; i < len; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        if (ESCAPES[c] == 0) {
          buf[pos++] = (byte) c;
        } else {
          escape(c, 3 * (len - i) + 1);
        }
      } else if (c < 0x800) {
        buf[pos++] = (byte) (0xC0 | (c >> 6));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < len
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(++i));
        buf[pos++] = (byte) (0xF0 | (cp >> 18));
        buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[pos++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        escape(c, 3 * (len - i) + 1); // unpaired: no UTF-8 for it; an escape, as Jackson wrote it
      } else {
        buf[pos++] = (byte) (0xE0 | (c >> 12));
        buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    buf[pos++] = '"';
    comma = true;
  }

  @Override
  public void stringUtf8(byte[] utf8, int off, int len) {
    next(len + 2);
    buf[pos++] = '"';
    int end = off + len;
    int plain = off;
    for (int i = off; i < end; i++) {
      byte b = utf8[i];
      if (b >= 0 && ESCAPES[b] != 0) {
        System.arraycopy(utf8, plain, buf, pos, i - plain);
        pos += i - plain;
        escape(b, end - i + 1);
        plain = i + 1;
      }
    }
    System.arraycopy(utf8, plain, buf, pos, end - plain);
    pos += end - plain;
    buf[pos++] = '"';
    comma = true;
  }

  /** Writes the escape of {@code c}, keeping room for {@code more} bytes after it. */
  private void escape(int c, int more) {
    ensure(6 + more);
    buf[pos++] = '\\';
    byte e = c < 0x80 ? ESCAPES[c] : (byte) 'u';
    if (e != 'u') {
      buf[pos++] = e;
      return;
    }
    buf[pos++] = 'u';
    buf[pos++] = HEX[(c >> 12) & 0xF];
    buf[pos++] = HEX[(c >> 8) & 0xF];
    buf[pos++] = HEX[(c >> 4) & 0xF];
    buf[pos++] = HEX[c & 0xF];
  }

  @Override
  public void quotedNumber(long value, boolean unsigned) {
    next(22);
    buf[pos++] = '"';
    decimal(value, unsigned);
    buf[pos++] = '"';
    comma = true;
  }

  @Override
  public void number(int value) {
    next(11);
    decimal(value, false);
    comma = true;
  }

  @Override
  public void number(long value) {
    next(20);
    decimal(value, false);
    comma = true;
  }

  @Override
  public void number(double value) {
    ascii(Double.toString(value));
  }

  @Override
  public void number(float value) {
    ascii(Float.toString(value));
  }

  @Override
  public void bool(boolean value) {
    raw(value ? TRUE : FALSE);
  }

  @Override
  public void nul() {
    raw(NULL);
  }

  @Override
  public void base64(byte[] bytes, int off, int len) {
    byte[] encoded = Base64.getEncoder().encode(Arrays.copyOfRange(bytes, off, off + len));
    next(encoded.length + 2);
    buf[pos++] = '"';
    System.arraycopy(encoded, 0, buf, pos, encoded.length);
    pos += encoded.length;
    buf[pos++] = '"';
    comma = true;
  }

  private void raw(byte[] token) {
    next(token.length);
    System.arraycopy(token, 0, buf, pos, token.length);
    pos += token.length;
    comma = true;
  }

  /** A value whose text is ASCII that needs no escape (a number's text). */
  private void ascii(String text) {
    int len = text.length();
    next(len);
    for (int i = 0; i < len; i++) {
      buf[pos++] = (byte) text.charAt(i);
    }
    comma = true;
  }

  /** The decimal digits of {@code value} (room for 20 bytes already ensured). */
  private void decimal(long value, boolean unsigned) {
    if (value < 0 && (unsigned || value == Long.MIN_VALUE)) {
      String text = unsigned ? Long.toUnsignedString(value) : Long.toString(value);
      for (int i = 0; i < text.length(); i++) {
        buf[pos++] = (byte) text.charAt(i);
      }
      return;
    }
    long v = value;
    if (v < 0) {
      buf[pos++] = '-';
      v = -v;
    }
    int end = pos + digitCount(v);
    int at = end;
    while (v > Integer.MAX_VALUE) {
      long q = v / 10;
      buf[--at] = (byte) ('0' + (int) (v - q * 10));
      v = q;
    }
    int i = (int) v;
    do {
      int q = i / 10;
      buf[--at] = (byte) ('0' + (i - q * 10));
      i = q;
    } while (i != 0);
    pos = end;
  }

  private static int digitCount(long v) {
    int n = 1;
    for (long bound = 10; n < 19 && v >= bound; bound *= 10) {
      n++;
    }
    return n;
  }
}
