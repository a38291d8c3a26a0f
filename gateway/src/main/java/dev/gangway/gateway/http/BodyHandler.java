package dev.gangway.gateway.http;

import dev.gangway.gateway.config.ServerConfig;
import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.gateway.errors.Responses;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.transcoder.Transcoder;
import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Receives the request body without blocking, chunk by chunk into a {@link BodyBuffer} that
 * reserves from the gateway-wide body budget (503 with {@code Retry-After} when it is spent), with
 * the snapshot's size limit. A {@code Content-Length} over the limit is a 413 before any byte is read; a chunked body
 * that grows past it is a 413 as soon as it does; a body that has not fully arrived within the
 * server's read timeout is a 408. Both close the connection, since the rest of the body is unread.
 *
 * <p>From here on the exchange is dispatched: the next handler runs after the receive completes
 * (on the same IO thread) and the exchange stays open until a later step completes it.
 *
 * <p>Immutable and thread-safe.
 */
final class BodyHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(BodyHandler.class);

  private final Admission admission;
  private final HttpHandler next;

  BodyHandler(Admission admission, HttpHandler next) {
    this.admission = Objects.requireNonNull(admission, "admission");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    // Transcoded, gRPC-Web and Connect routes alike: only the snapshot is needed here.
    RuntimeSnapshot snapshot = RequestSnapshot.attached(exchange);
    ServerConfig server = snapshot.config().server();
    Transcoder transcoder = snapshot.transcoder();
    long limit = server.maxRequestBodyBytes();
    String contentLength = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
    if (contentLength != null && exceeds(contentLength, limit)) {
      tooLarge(exchange, transcoder, limit);
      return;
    }
    AtomicBoolean settled = new AtomicBoolean();
    XnioExecutor.Key timer = exchange.isRequestComplete()
        ? null
        : exchange.getIoThread().executeAfter(
            () -> timedOut(exchange, transcoder, settled), server.readTimeout().toMillis(),
            TimeUnit.MILLISECONDS);
    BodyBuffer buffer = new BodyBuffer(admission,
        snapshot.config().limits().maxBufferedBodyBytes(), limit,
        exchange.getRequestContentLength());
    exchange.putAttachment(Attachments.BODY_BUFFER, buffer);
    exchange.addExchangeCompleteListener((ex, nextListener) -> {
      buffer.release();
      nextListener.proceed();
    });
    exchange.setMaxEntitySize(limit);
    Receiver receiver = exchange.getRequestReceiver();
    // Chunk by chunk, never the declared length up front: a Content-Length is a claim, and memory
    // is spent (and counted against limits.max_buffered_bodies) only for bytes that arrive.
    receiver.receivePartialBytes(
        (ex, chunk, last) -> {
          if (settled.get()) {
            return;
          }
          BodyBuffer.Append appended = buffer.append(chunk);
          if (appended != BodyBuffer.Append.OK) {
            if (settle(settled, timer)) {
              receiver.pause();
              refuse(ex, snapshot, appended, limit);
            }
            return;
          }
          if (last && settle(settled, timer)) {
            ex.putAttachment(Attachments.BODY, buffer.bytes());
            // Dispatched: when this callback returns, Undertow must not end the exchange; the
            // next steps run right after, on this IO thread, and complete it themselves.
            ex.dispatch(SameThreadExecutor.INSTANCE,
                () -> Responses.guarded(ex, () -> next.handleRequest(ex)));
          }
        },
        (ex, failure) -> {
          if (settle(settled, timer)) {
            failed(ex, transcoder, limit, failure);
          }
        });
  }

  private static void refuse(
      HttpServerExchange exchange, RuntimeSnapshot snapshot, BodyBuffer.Append why, long limit) {
    Transcoder transcoder = snapshot.transcoder();
    if (why == BodyBuffer.Append.TOO_LARGE) {
      tooLarge(exchange, transcoder, limit);
      return;
    }
    exchange.setPersistent(false); // the rest of the body is never read
    Responses.busy(exchange, transcoder, "the gateway holds its limit of "
        + snapshot.config().limits().maxBufferedBodyBytes()
        + " bytes of request bodies (limits.max_buffered_bodies)");
  }

  private static boolean exceeds(String contentLength, long limit) {
    try {
      return Long.parseLong(contentLength.trim()) > limit;
    } catch (NumberFormatException e) {
      return false; // Undertow refuses a malformed Content-Length before any handler runs
    }
  }

  private static boolean settle(AtomicBoolean settled, XnioExecutor.Key timer) {
    if (!settled.compareAndSet(false, true)) {
      return false;
    }
    if (timer != null) {
      timer.remove();
    }
    return true;
  }

  private static void failed(
      HttpServerExchange exchange, Transcoder transcoder, long limit, IOException failure) {
    if (failure instanceof Receiver.RequestToLargeException
        || failure instanceof RequestTooBigException) {
      tooLarge(exchange, transcoder, limit);
      return;
    }
    // The client broke off while sending: nobody is left to answer.
    log.debug("{} {}: request body not received", exchange.getRequestMethod(),
        exchange.getRequestURI(), failure);
    IoUtils.safeClose(exchange.getConnection());
  }

  private static void timedOut(
      HttpServerExchange exchange, Transcoder transcoder, AtomicBoolean settled) {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    exchange.setPersistent(false);
    Responses.guarded(exchange,
        () -> Responses.error(exchange, transcoder, GatewayError.BODY_TIMEOUT));
  }

  private static void tooLarge(HttpServerExchange exchange, Transcoder transcoder, long limit) {
    exchange.setPersistent(false); // the rest of the body is never read
    Responses.error(exchange, transcoder, GatewayError.BODY_TOO_LARGE, limit);
  }
}
