package dev.gangway.transcoder.internal.binding;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.gangway.transcoder.errors.TranscodingException;
import java.nio.charset.CharacterCodingException;
import java.util.Locale;

/**
 * Reads a JSON request body: checks its Content-Type, decodes UTF-8 strictly, and merges it with
 * the snapshot's proto3 JSON parser, turning parser errors into client-safe messages.
 *
 * <p>Immutable and thread-safe (the JsonFormat parser is).
 */
final class JsonBodyReader {
  private static final String FORM = "application/x-www-form-urlencoded";

  private final JsonFormat.Parser parser;

  JsonBodyReader(JsonFormat.Parser parser) {
    this.parser = parser;
  }

  /**
   * The body as text, or null when it is empty (then the body sets no field, as in Envoy and
   * grpc-gateway).
   *
   * @throws TranscodingException 415 for a non-JSON Content-Type, 400 for bytes that are not UTF-8,
   *     for a body of only whitespace (RFC 8259: a JSON text is one value; Envoy rejects it too)
   *     or for text after the first JSON value
   */
  static String text(String contentType, byte[] body) throws TranscodingException {
    if (body.length == 0) {
      return null;
    }
    checkContentType(contentType, body);
    if (isBlank(body)) {
      throw TranscodingException.invalidArgument(
          "body: invalid JSON: only whitespace, no JSON value (send no body, or a JSON value)");
    }
    String text;
    try {
      text = StrictUtf8.decode(body, body.length);
    } catch (CharacterCodingException e) {
      throw TranscodingException.invalidArgument("body: invalid JSON: not valid UTF-8");
    }
    TrailingText.check(text);
    return text;
  }

  /**
   * Empty, {@code application/json} or {@code application/*+json}, parameters ignored; or
   * {@code application/x-www-form-urlencoded} with a body that is a JSON object or array, which
   * is what plain {@code curl -d '{...}'} sends (a form body never starts with '{' or '[').
   */
  static void checkContentType(String contentType, byte[] body) throws TranscodingException {
    int semicolon = contentType.indexOf(';');
    String type =
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .trim()
            .toLowerCase(Locale.ROOT);
    boolean json =
        type.isEmpty()
            || type.equals("application/json")
            || (type.startsWith("application/") && type.endsWith("+json"))
            || (type.equals(FORM) && startsLikeJson(body));
    if (!json) {
      throw TranscodingException.unsupportedMediaType(
          "body: content type " + Quoting.quote(contentType.trim())
              + " is not supported; send application/json");
    }
  }

  private static boolean startsLikeJson(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return b == '{' || b == '[';
      }
    }
    return false;
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  /** Merges {@code json} into {@code builder}. */
  void merge(String json, Message.Builder builder) throws TranscodingException {
    merge(json, builder, 0);
  }

  /**
   * Merges {@code json}, which starts with {@code prefixLength} characters of our own before the
   * client's text (so syntax error columns can be given in the client's terms).
   */
  void merge(String json, Message.Builder builder, int prefixLength) throws TranscodingException {
    try {
      parser.merge(json, builder);
    } catch (InvalidProtocolBufferException e) {
      throw TranscodingException.invalidArgument(JsonErrors.describe(e, prefixLength));
    }
  }
}
