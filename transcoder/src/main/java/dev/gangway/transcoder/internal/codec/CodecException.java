package dev.gangway.transcoder.internal.codec;

/**
 * Input the codec cannot take: JSON that is not valid proto3 JSON for the type, or wire bytes that
 * are not a valid message. The message is client-safe and names the field or value, e.g.
 * {@code unknown field "foo" in pkg.Msg} or {@code invalid JSON: "abc" is not a valid int32};
 * callers put their subject in front ({@code body: }).
 *
 * <p>Carries no stack trace: it is an answer to bad input, made on the request path.
 */
public final class CodecException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean malformedWire;

  CodecException(String message) {
    this(message, false);
  }

  private CodecException(String message, boolean malformedWire) {
    super(message, null, false, false);
    this.malformedWire = malformedWire;
  }

  /** Wire bytes that are not a valid message (truncated, bad tag, bad UTF-8 in a string). */
  static CodecException malformed(String reason) {
    return new CodecException(reason, true);
  }

  /** Whether the wire bytes were malformed, as opposed to valid but not printable as JSON. */
  public boolean malformedWire() {
    return malformedWire;
  }

  static CodecException invalid(String reason) {
    return new CodecException("invalid JSON: " + reason);
  }
}
