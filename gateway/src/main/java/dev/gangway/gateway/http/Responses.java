package dev.gangway.gateway.http;

import com.google.rpc.Code;
import com.google.rpc.Status;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.internal.json.ErrorRenderer;
import dev.gangway.transcoder.render.RenderedBody;
import dev.gangway.transcoder.render.RenderedError;
import io.undertow.server.HttpServerExchange;
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
final class Responses {
  private static final Logger log = LoggerFactory.getLogger(Responses.class);

  private Responses() {}

  static void body(HttpServerExchange exchange, RenderedBody body) {
    send(exchange, 200, body.contentType(), body.body());
  }

  static void error(HttpServerExchange exchange, RenderedError error) {
    send(exchange, error.httpStatus(), error.contentType(), error.body());
  }

  static void error(HttpServerExchange exchange, Transcoder transcoder, TranscodingException e) {
    error(exchange, transcoder.renderError(e));
  }

  /** A gateway-made error whose HTTP status is the table's for {@code code}. */
  static void status(HttpServerExchange exchange, Transcoder transcoder, Code code, String message) {
    error(exchange, transcoder.renderError(
        Status.newBuilder().setCode(code.getNumber()).setMessage(message).build()));
  }

  /** 503 UNAVAILABLE: no backend serves the routed method's service. */
  static void noBackend(HttpServerExchange exchange, Routed routed) {
    status(exchange, routed.snapshot().transcoder(), Code.UNAVAILABLE,
        "no backend serves " + routed.route().method().getService().getFullName()
            + " (calling " + routed.route().grpcMethodName() + ")");
  }

  /**
   * A failure in gateway code: logged once with its stack trace, answered with the constant 500
   * body (or, when the response has already started, by closing the connection).
   */
  static void unexpected(HttpServerExchange exchange, Throwable failure) {
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
  static void guarded(HttpServerExchange exchange, Step step) {
    try {
      step.run();
    } catch (Exception | LinkageError | AssertionError e) {
      unexpected(exchange, e);
    }
  }

  /** A piece of request handling that may throw. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }
}
