package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.transcoder.errors.TranscodingException;
import java.util.Arrays;

/**
 * Decodes a {@code grpc-web-text} body: standard base64, where a client that sends in pieces may
 * pad each piece, so {@code =} can end any 4-character group, not only the last
 * (PROTOCOL-WEB.md, "text-encoded (response) streams"). {@code java.util.Base64} stops at the first
 * padding, hence this decoder.
 *
 * <p>Stateless and thread-safe. The output is never longer than 3/4 of the input, so the body
 * limit already bounds it.
 */
final class Base64Chunks {
  private static final byte[] VALUES = values();

  private Base64Chunks() {}

  /** @throws TranscodingException 400 naming the offset of the first bad character or group */
  static byte[] decode(byte[] text) throws TranscodingException {
    if (text.length % 4 != 0) {
      throw GatewayError.RPC_BAD_FRAME.exception("not base64 (grpc-web-text): length "
          + text.length + " is not a multiple of 4");
    }
    byte[] out = new byte[text.length / 4 * 3];
    int written = 0;
    for (int i = 0; i < text.length; i += 4) {
      int a = value(text, i);
      int b = value(text, i + 1);
      int pad = text[i + 3] != '=' ? 0 : text[i + 2] == '=' ? 2 : 1;
      int c = pad == 2 ? 0 : value(text, i + 2);
      int d = pad >= 1 ? 0 : value(text, i + 3);
      int bits = a << 18 | b << 12 | c << 6 | d;
      out[written++] = (byte) (bits >>> 16);
      if (pad < 2) {
        out[written++] = (byte) (bits >>> 8);
      }
      if (pad < 1) {
        out[written++] = (byte) bits;
      }
    }
    return written == out.length ? out : Arrays.copyOf(out, written);
  }

  private static int value(byte[] text, int at) throws TranscodingException {
    int v = VALUES[text[at] & 0xff];
    if (v < 0) {
      throw GatewayError.RPC_BAD_FRAME.exception(
          "not base64 (grpc-web-text): unexpected character at byte " + at);
    }
    return v;
  }

  private static byte[] values() {
    byte[] values = new byte[256];
    Arrays.fill(values, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      values[alphabet.charAt(i)] = (byte) i;
    }
    return values;
  }
}
