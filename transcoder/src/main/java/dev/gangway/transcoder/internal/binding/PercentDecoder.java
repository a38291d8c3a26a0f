package dev.gangway.transcoder.internal.binding;

import dev.gangway.transcoder.errors.TranscodingException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decodes path variables and query parts into UTF-8 text.
 *
 * <p>Stateless and thread-safe. Text with nothing to decode is returned as is, without copying.
 */
final class PercentDecoder {

  /** Which escapes to decode. */
  enum Mode {
    /** A single-segment path variable: every {@code %XX} (http.proto; RFC 6570 3.2.2). */
    SEGMENT,
    /** A multi-segment path variable: every {@code %XX} except {@code %2F} and {@code %2f}. */
    MULTI_SEGMENT,
    /** A query name or value: every {@code %XX}; {@code +} stays {@code +}. */
    QUERY,
    /** A query name or value from an HTML form: every {@code %XX}, and {@code +} as a space. */
    QUERY_PLUS_AS_SPACE
  }

  private PercentDecoder() {}

  /**
   * Decodes {@code raw}; {@code label} starts the error message ({@code path variable {name}}).
   *
   * @throws TranscodingException 400 for a malformed escape or bytes that are not UTF-8
   */
  static String decode(String raw, Mode mode, String label) throws TranscodingException {
    if (!needsDecoding(raw, mode)) {
      return raw;
    }
    byte[] in = raw.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[in.length];
    int n = 0;
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b == '%') {
        int hi = i + 2 < in.length ? hex(in[i + 1]) : -1;
        int lo = hi >= 0 ? hex(in[i + 2]) : -1;
        if (lo < 0) {
          throw TranscodingException.invalidArgument(label + ": malformed percent-encoding");
        }
        int decoded = hi << 4 | lo;
        if (decoded == '/' && mode == Mode.MULTI_SEGMENT) {
          // http.proto: multi-segment variables decode everything "except %2F and %2f".
          out[n++] = in[i];
          out[n++] = in[i + 1];
          out[n++] = in[i + 2];
        } else {
          out[n++] = (byte) decoded;
        }
        i += 2;
      } else if (b == '+' && mode == Mode.QUERY_PLUS_AS_SPACE) {
        out[n++] = ' ';
      } else {
        out[n++] = b;
      }
    }
    return utf8(out, n, label);
  }

  private static boolean needsDecoding(String raw, Mode mode) {
    return raw.indexOf('%') >= 0 || (mode == Mode.QUERY_PLUS_AS_SPACE && raw.indexOf('+') >= 0);
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  private static String utf8(byte[] bytes, int length, String label) throws TranscodingException {
    try {
      return StrictUtf8.decode(bytes, length);
    } catch (CharacterCodingException e) {
      throw TranscodingException.invalidArgument(
          label + ": not valid UTF-8 after percent-decoding");
    }
  }
}
