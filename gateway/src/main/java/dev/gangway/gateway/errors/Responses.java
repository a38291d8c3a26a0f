package dev.gangway.gateway.errors;

import com.google.rpc.Code;
import dev.gangway.gateway.observe.Rejection;
import dev.gangway.gateway.observe.RequestRecord;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.internal.json.ErrorRenderer;
import dev.gangway.transcoder.render.RenderedBody;
import dev.gangway.transcoder.render.RenderedError;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * Writes every response the gateway sends: rendered bodies, {@code google.rpc.Status} errors, and
 * the constant fallback for failures nobody expected.
 *
 * <p>Stateless and thread-safe; each method completes the exchange it is given (the async sender
 * ends it once the body is written).
 */
public final class Responses {
  private static final Logger log = LoggerFactory.getLogger(Responses.class);

  private Responses() {}

  public static void body(HttpServerExchange exchange, RenderedBody body) {
    RequestRecord.noteCode(exchange, Code.OK_VALUE);
    send(exchange, 200, body.contentType(), body.body());
  }

  /** A success with another status than 200 (a route's {@code status}: 201, 202). */
  public static void body(HttpServerExchange exchange, int status, RenderedBody body) {
    send(exchange, status, body.contentType(), body.body());
  }

  /**
   * How a request whose protocol has its own error format (gRPC-Web, Connect) gets its errors:
   * set on the exchange by the route stage, used by every error this class writes, so that the
   * policy stage's rejections, 404s and 413s reach such clients in their protocol's terms.
   */
  public static final AttachmentKey<ErrorFormat> ERROR_FORMAT =
      AttachmentKey.create(ErrorFormat.class);

  /** Writes a rendered error in another protocol's format and completes the exchange. */
  @FunctionalInterface
  public interface ErrorFormat {
    void send(HttpServerExchange exchange, RenderedError error);
  }

  public static void error(HttpServerExchange exchange, RenderedError error) {
    RequestRecord.noteCode(exchange, error.code());
    ErrorFormat format = exchange.getAttachment(ERROR_FORMAT);
    if (format != null && !exchange.isResponseStarted()) {
      format.send(exchange, error);
      return;
    }
    send(exchange, error.httpStatus(), error.contentType(), error.body());
  }

  public static void error(HttpServerExchange exchange, Transcoder transcoder, TranscodingException e) {
    error(exchange, transcoder.renderError(e));
  }

  /** A gateway-made error: its status, code and message from {@link GatewayError}. */
  public static void error(HttpServerExchange exchange, Transcoder transcoder, GatewayError error,
      Object... args) {
    error(exchange, transcoder, error.exception(args));
  }

  /**
   * 503 UNAVAILABLE with {@code Retry-After: 1}: a gateway-wide limit is reached for now (requests
   * in flight, buffered bodies, binding queue); the message names the limit's config key.
   */
  public static void busy(HttpServerExchange exchange, Transcoder transcoder, String message) {
    exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
    RequestRecord.noteRejection(exchange, Rejection.BUSY);
    error(exchange, transcoder, new TranscodingException(Code.UNAVAILABLE, 503, message));
  }

  /** 503 UNAVAILABLE: no backend serves the routed method's service. */
  public static void noBackend(
      HttpServerExchange exchange, Transcoder transcoder, MethodRoute route) {
    error(exchange, transcoder, GatewayError.NO_BACKEND,
        route.method().getService().getFullName(), route.grpcMethodName());
  }

  /**
   * A failure in gateway code: logged once with its stack trace, answered with the constant 500
   * body (or, when the response has already started, by closing the connection).
   */
  public static void unexpected(HttpServerExchange exchange, Throwable failure) {
    log.error("{} {}: unexpected failure", exchange.getRequestMethod(), exchange.getRequestURI(),
        failure);
    if (exchange.isResponseStarted()) {
      IoUtils.safeClose(exchange.getConnection());
      return;
    }
    try {
      error(exchange, ErrorRenderer.FALLBACK);
    } catch (RuntimeException e) {
      IoUtils.safeClose(exchange.getConnection());
    }
  }

  private static void send(HttpServerExchange exchange, int status, String contentType, byte[] body) {
    if (exchange.isResponseStarted()) {
      // Only reachable after a failure while writing; the exchange is already on its way out.
      exchange.endExchange();
      return;
    }
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }

  /** Runs {@code step}; anything it throws becomes {@link #unexpected}. For async continuations. */
  public static void guarded(HttpServerExchange exchange, Step step) {
    try {
      step.run();
    } catch (Exception | LinkageError | AssertionError e) {
      unexpected(exchange, e);
    }
  }

  /** A piece of request handling that may throw. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }
}
