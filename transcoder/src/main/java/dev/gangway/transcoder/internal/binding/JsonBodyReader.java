package dev.gangway.transcoder.internal.binding;

import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.internal.codec.CodecException;
import dev.gangway.transcoder.internal.codec.CompiledCodec;
import dev.gangway.transcoder.internal.codec.FieldSchema;
import dev.gangway.transcoder.internal.codec.MessageSchema;
import java.util.Locale;

/**
 * Reads a JSON request body: checks its Content-Type, then turns it (UTF-8, one value, nothing
 * after it) into wire bytes with the snapshot's compiled codec, its errors becoming
 * client messages that start with {@code body: }.
 *
 * <p>Immutable and thread-safe (the codec is).
 */
final class JsonBodyReader {
  private static final byte[] EMPTY = new byte[0];
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String CURL_HINT =
      " (with curl -d, add -H 'Content-Type: application/json')";

  private final CompiledCodec codec;

  JsonBodyReader(CompiledCodec codec) {
    this.codec = codec;
  }

  CompiledCodec codec() {
    return codec;
  }

  /**
   * Whether the body holds a JSON value; false when it is empty (then the body sets no field, as
   * in Envoy and grpc-gateway).
   *
   * @throws TranscodingException 415 for a non-JSON Content-Type, 400 for a body of only
   *     whitespace (RFC 8259: a JSON text is one value; Envoy rejects it too); bytes that are not
   *     UTF-8 and text after the first value are refused by {@link #message} and {@link #field}
   */
  static boolean present(String contentType, byte[] body) throws TranscodingException {
    if (body.length == 0) {
      return false;
    }
    checkContentType(contentType);
    if (isBlank(body)) {
      throw TranscodingException.invalidArgument(
          "body: invalid JSON: only whitespace, no JSON value (send no body, or a JSON value)");
    }
    return true; // invalid UTF-8 and text after the first value are refused by the codec
  }

  /**
   * Empty, {@code application/json} or {@code application/*+json}, parameters ignored. Never a
   * form type, whatever the body looks like: a cross-site page may send a form type without a
   * CORS preflight, and reading it as JSON would let that page call the API with the user's
   * cookies (CSRF). Plain {@code curl -d} sends a form type, so its 415 says what to add.
   */
  static void checkContentType(String contentType) throws TranscodingException {
    int semicolon = contentType.indexOf(';');
    String type =
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .trim()
            .toLowerCase(Locale.ROOT);
    boolean json =
        type.isEmpty()
            || type.equals("application/json")
            || (type.startsWith("application/") && type.endsWith("+json"));
    if (!json) {
      throw TranscodingException.unsupportedMediaType(
          "body: content type " + Quoting.quote(contentType.trim())
              + " is not supported; send application/json"
              + (type.equals(FORM) ? CURL_HINT : ""));
    }
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  /** The body (checked by {@link #present}) as the wire bytes of a whole message. */
  byte[] message(MessageSchema type, byte[] body) throws TranscodingException {
    try {
      return codec.toWire(type, body, 0, body.length);
    } catch (CodecException e) {
      throw TranscodingException.invalidArgument("body: " + e.getMessage());
    }
  }

  /** The body (checked by {@link #present}) as the value of one field, encoded as that field. */
  byte[] field(FieldSchema field, byte[] body) throws TranscodingException {
    try {
      return codec.fieldToWire(field, body, 0, body.length);
    } catch (CodecException e) {
      throw TranscodingException.invalidArgument("body: " + e.getMessage());
    }
  }

  static byte[] empty() {
    return EMPTY;
  }
}
