package dev.gangway.transcoder.errors;

import com.google.rpc.Code;
import java.util.Objects;

/**
 * A request the transcoder cannot turn into a gRPC call (or a response it cannot render).
 *
 * <p>The message is safe to show to clients: it names the field or parameter and the problem and
 * never carries exception text from a library. {@link #httpStatus()} is the HTTP status the
 * gateway answers with; {@link #code()} goes into the {@code google.rpc.Status} body.
 */
public final class TranscodingException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Code code;
  private final int httpStatus;

  public TranscodingException(Code code, int httpStatus, String message) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.code = Objects.requireNonNull(code, "code");
    this.httpStatus = httpStatus;
  }

  /** 400 INVALID_ARGUMENT: {@code field}: {@code problem}. */
  public static TranscodingException invalidArgument(String message) {
    return new TranscodingException(Code.INVALID_ARGUMENT, 400, message);
  }

  /** 404 NOT_FOUND for a path no route matches. */
  public static TranscodingException notFound(String message) {
    return new TranscodingException(Code.NOT_FOUND, 404, message);
  }

  /** 415 for a body whose Content-Type the route cannot take. */
  public static TranscodingException unsupportedMediaType(String message) {
    return new TranscodingException(Code.INVALID_ARGUMENT, 415, message);
  }

  public Code code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
