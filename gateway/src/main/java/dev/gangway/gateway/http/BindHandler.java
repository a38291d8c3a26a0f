package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.Responses;
import dev.gangway.gateway.config.LimitsConfig;
import dev.gangway.transcoder.errors.TranscodingException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Objects;

/**
 * Builds the request message from path, query and body with the route's binding plan: 400 naming
 * the field or parameter or the JSON limit (which the transcoder's codec enforces as it reads,
 * from {@code limits.max_json_*}), 415 for a body type the route
 * cannot take. Attaches {@link Attachments#MESSAGE} and releases the body's memory reservation.
 *
 * <p>A body of at least {@code limits.offload_body_size} is bound on the binding pool, so that a
 * few clients sending large JSON cannot stall every request on an IO thread; when
 * {@code limits.max_pending_binds} are already waiting, 503 with {@code Retry-After}.
 *
 * <p>Thread-safe: holds no per-request state.
 */
final class BindHandler implements HttpHandler {
  private final Admission admission;
  private final HttpHandler next;

  BindHandler(Admission admission, HttpHandler next) {
    this.admission = Objects.requireNonNull(admission, "admission");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Routed routed = exchange.getAttachment(Attachments.ROUTED);
    LimitsConfig limits = routed.snapshot().config().limits();
    byte[] body = exchange.getAttachment(Attachments.BODY);
    if (body.length < limits.offloadBodyBytes()) {
      bindAndContinue(exchange, routed, limits, body);
      return;
    }
    Runnable bind = () -> Responses.guarded(exchange,
        () -> bindAndContinue(exchange, routed, limits, body));
    if (!admission.tryBindOffIoThread(bind, limits.maxPendingBinds())) {
      release(exchange);
      Responses.busy(exchange, routed.snapshot().transcoder(), "the gateway has "
          + limits.maxPendingBinds() + " large bodies waiting to be bound (limits.max_pending_binds)");
    }
  }

  private void bindAndContinue(
      HttpServerExchange exchange, Routed routed, LimitsConfig limits, byte[] body)
      throws Exception {
    String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    byte[] message;
    try {
      if (body.length > 0 && !routed.route().request().rawBody()) {
        if (contentType == null) {
          // A form or a plain fetch without a type is what a cross-site page can send without a
          // CORS preflight: a JSON body must say it is JSON.
          throw TranscodingException.unsupportedMediaType(
              "body: a request body needs Content-Type: application/json");
        }
      }
      message = routed.snapshot().transcoder().bind(
          routed.match(),
          exchange.getQueryString(),
          contentType == null ? "" : contentType,
          body);
    } catch (TranscodingException e) {
      Responses.error(exchange, routed.snapshot().transcoder(), e);
      return;
    } finally {
      release(exchange);
    }
    // If-Match / If-None-Match into the request fields the method's routes entry names.
    message = routed.transcoded().semantics().withConditionals(message,
        exchange.getRequestHeaders().getFirst(Headers.IF_MATCH),
        exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH));
    exchange.putAttachment(Attachments.MESSAGE, message);
    next.handleRequest(exchange);
  }

  /** The body is bound (or refused): its bytes no longer count against the body budget. */
  private static void release(HttpServerExchange exchange) {
    exchange.removeAttachment(Attachments.BODY);
    BodyBuffer buffer = exchange.getAttachment(Attachments.BODY_BUFFER);
    if (buffer != null) {
      buffer.release();
    }
  }
}
