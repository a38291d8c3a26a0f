package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.transcoder.errors.TranscodingException;
import java.util.Arrays;

/**
 * The length-prefixed frames of gRPC-Web and Connect streaming bodies: one flags byte, a 4-byte
 * big-endian length, the payload (PROTOCOL-WEB.md; connectrpc.com/docs/protocol "Streaming").
 *
 * <p>Stateless and thread-safe.
 */
final class RpcFrames {
  /** gRPC-Web: the frame carries trailers, not a message. */
  static final int GRPC_WEB_TRAILERS = 0x80;
  /** Connect: the frame is the end-of-stream JSON. */
  static final int CONNECT_END_STREAM = 0x02;
  /** Both: the payload is compressed. */
  static final int COMPRESSED = 0x01;
  static final int HEADER_BYTES = 5;

  private RpcFrames() {}

  /**
   * The one message of a request body that must hold exactly one data frame (the request of a
   * unary or server-streaming method).
   *
   * @throws TranscodingException 400 naming the byte offset for a truncated frame, a second
   *     frame or trailing bytes; 501 for a compressed frame
   */
  static byte[] single(byte[] body) throws TranscodingException {
    if (body.length < HEADER_BYTES) {
      throw GatewayError.RPC_BAD_FRAME.exception(body.length == 0
          ? "empty; expected one length-prefixed message frame"
          : "frame header at byte 0 is cut short (" + body.length + " of 5 bytes)");
    }
    int flags = body[0] & 0xff;
    if ((flags & COMPRESSED) != 0) {
      throw GatewayError.RPC_COMPRESSED.exception(0);
    }
    if (flags != 0) {
      throw GatewayError.RPC_BAD_FRAME.exception(
          "frame at byte 0 has flags 0x" + Integer.toHexString(flags) + "; expected a message (0)");
    }
    long length = ((long) (body[1] & 0xff) << 24) | ((body[2] & 0xff) << 16)
        | ((body[3] & 0xff) << 8) | (body[4] & 0xff);
    long available = body.length - HEADER_BYTES;
    if (length > available) {
      throw GatewayError.RPC_BAD_FRAME.exception("frame at byte 0 declares " + length
          + " bytes but " + available + " follow");
    }
    if (length < available) {
      throw GatewayError.RPC_BAD_FRAME.exception("bytes after the message frame (at byte "
          + (HEADER_BYTES + length) + "); expected exactly one message");
    }
    return Arrays.copyOfRange(body, HEADER_BYTES, body.length);
  }

  /** A frame of {@code payload} with {@code flags}. */
  static byte[] frame(int flags, byte[] payload) {
    byte[] out = new byte[HEADER_BYTES + payload.length];
    out[0] = (byte) flags;
    int n = payload.length;
    out[1] = (byte) (n >>> 24);
    out[2] = (byte) (n >>> 16);
    out[3] = (byte) (n >>> 8);
    out[4] = (byte) n;
    System.arraycopy(payload, 0, out, HEADER_BYTES, n);
    return out;
  }
}
