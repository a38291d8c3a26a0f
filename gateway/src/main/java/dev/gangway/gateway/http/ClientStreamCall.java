package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.gateway.errors.Responses;
import dev.gangway.transcoder.errors.TranscodingException;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.undertow.io.Receiver;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client-streaming backend call fed from the request body as it arrives: a
 * {@link BodySplitter} cuts each network read into messages (NDJSON lines or a JSON array, or
 * raw pieces for a {@code google.api.HttpBody} request), which are bound through the route's plan
 * (path and query into every message) and sent. Reading pauses while the call is not ready and
 * resumes on {@code onReady}, so the body is read only as fast as the backend takes messages. The
 * single response is answered as a unary one ({@link UnaryCall}); a message that does not bind
 * cancels the call and answers 400 naming it.
 *
 * <p>Confined to the exchange's IO thread: the call's callbacks run there (its executor is the IO
 * thread), and so do the receiver's callbacks, so no state needs locking.
 */
final class ClientStreamCall extends ClientCall.Listener<byte[]> implements BodySplitter.Sink {
  private static final Logger log = LoggerFactory.getLogger(ClientStreamCall.class);
  private static final Runnable NOTHING = () -> { };

  private final HttpServerExchange exchange;
  private final Routed routed;
  private final UnaryCall unary;
  private final BodySplitter splitter;
  private ClientCall<byte[], byte[]> call;
  private Receiver receiver;
  private boolean paused;

  private ClientStreamCall(
      HttpServerExchange exchange, Routed routed, Duration timeout, BodySplitter splitter) {
    this.exchange = exchange;
    this.routed = routed;
    this.unary = UnaryCall.forExchange(exchange, routed, timeout);
    this.splitter = splitter;
  }

  /**
   * Starts the call on {@code channel} and starts reading the body into it; 415 for a JSON stream
   * of another type (a raw HttpBody stream takes any).
   */
  static void start(
      HttpServerExchange exchange,
      Routed routed,
      Channel channel,
      Metadata metadata,
      Duration timeout) {
    String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    BodySplitter splitter;
    if (routed.route().request().rawBody()) {
      splitter = new RawSplitter(contentType == null ? "" : contentType);
    } else if (acceptable(contentType)) {
      splitter = new NdjsonSplitter(routed.snapshot().config().server().maxRequestBodyBytes(),
          routed.snapshot().transcoder().codec().compiled());
    } else {
      exchange.setPersistent(false); // the body is never read
      Responses.error(exchange, routed.snapshot().transcoder(),
          GatewayError.STREAM_CONTENT_TYPE, contentType);
      return;
    }
    ClientStreamCall listener = new ClientStreamCall(exchange, routed, timeout, splitter);
    listener.call = listener.unary.newCall(channel);
    listener.call.start(listener, metadata);
    listener.call.request(1);
    listener.receiver = exchange.getRequestReceiver();
    listener.receiver.receivePartialBytes(listener::received, listener::receiveFailed);
  }

  private static boolean acceptable(String contentType) {
    if (contentType == null) {
      return true;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim().toLowerCase(Locale.ROOT);
    return type.isEmpty() || type.equals("application/json")
        || type.equals("application/x-ndjson");
  }

  private void received(HttpServerExchange ex, byte[] chunk, boolean last) {
    if (!unary.finished()) {
      Responses.guarded(ex, () -> take(chunk, last));
    }
    // Undertow delivers chunks through executeRootHandler, which ends an exchange that is neither
    // dispatched nor reading when the callback returns; the call's callbacks complete this one.
    // (While reading, the receiver resumes reads itself, and dispatching as well is refused.)
    if ((last || paused) && !ex.isResponseStarted()) {
      ex.dispatch(SameThreadExecutor.INSTANCE, NOTHING);
    }
  }

  private void take(byte[] chunk, boolean last) {
    if (!splitter.take(chunk, this)) {
      return;
    }
    if (last) {
      if (splitter.end(this)) {
        call.halfClose();
        DisconnectWatcher.watch(exchange, unary::clientGone);
      }
    } else if (!call.isReady()) {
      // The backend has not taken what was sent: stop reading until it has (onReady).
      paused = true;
      receiver.pause();
    }
  }

  /** Binds one message (path and query plus {@code body}) and sends it. */
  @Override
  public boolean send(String where, String contentType, byte[] body) {
    byte[] message;
    try {
      message = routed.snapshot().transcoder().bind(
          routed.match(), exchange.getQueryString(), contentType, body);
    } catch (TranscodingException e) {
      return fail(
          new TranscodingException(e.code(), e.httpStatus(), where + ": " + e.getMessage()));
    }
    call.sendMessage(message);
    return true;
  }

  @Override
  public boolean fail(TranscodingException error) {
    unary.abort("the client stream was rejected: " + error.getMessage(), error);
    return false;
  }

  private void receiveFailed(HttpServerExchange ex, IOException failure) {
    // The client broke off while sending: nobody is left to answer.
    log.debug("{}: client stream not received: {}", routed.route().grpcMethodName(),
        failure.toString());
    unary.clientGone();
  }

  @Override
  public void onReady() {
    if (paused && !unary.finished()) {
      paused = false;
      receiver.resume();
    }
  }

  @Override
  public void onHeaders(Metadata headers) {
    unary.onHeaders(headers);
  }

  @Override
  public void onMessage(byte[] message) {
    unary.onMessage(message);
  }

  @Override
  public void onClose(Status status, Metadata trailers) {
    // A backend that answers before the body ends: the rest of the body is never read.
    if (!exchange.isRequestComplete()) {
      exchange.setPersistent(false);
    }
    unary.onClose(status, trailers);
  }
}
