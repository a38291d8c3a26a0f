package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.gateway.errors.Responses;
import dev.gangway.gateway.routing.GatewayRoute;
import dev.gangway.transcoder.errors.TranscodingException;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * One backend call answered as a gRPC-Web response (every method: unary is a stream of one) or
 * a Connect streaming response: 200 with the backend's headers, a frame per message as it
 * arrives, and a last frame with the outcome (gRPC-Web's trailers frame, Connect's end-of-stream
 * message), so that an error before, between or after messages always reaches the client in
 * the protocol's own terms.
 *
 * <p>Writing and flow control are the {@link StreamOutbox}'s, as for {@link ServerStreamCall}: at
 * most a {@link StreamWindow} of messages requested and not yet flushed. Cancels the call when
 * the client goes away; registers in {@link OpenStreams} so a stopping gateway ends the stream
 * with {@code UNAVAILABLE}.
 *
 * <p>Confined to the exchange's IO thread (the call's executor), like {@link ServerStreamCall}.
 */
final class RpcStreamCall extends ExchangeCallListener
    implements StreamOutbox.Demand, OpenStreams.Stream {
  private static final Logger log = LoggerFactory.getLogger(RpcStreamCall.class);

  private final GatewayRoute.Rpc route;
  private final RpcWire wire;
  private final CallDeadline deadline;
  private final StreamOutbox outbox;
  private Metadata headers;

  private RpcStreamCall(HttpServerExchange exchange, GatewayRoute.Rpc route, RpcWire wire,
      Duration timeout, OpenStreams streams) {
    super(exchange, "the HTTP exchange ended before the stream did");
    this.route = route;
    this.wire = wire;
    this.deadline = new CallDeadline(timeout);
    this.outbox = StreamOutbox.of(exchange, this, streams::holding);
  }

  /** Starts the call; the exchange is answered from its callbacks. */
  static void start(HttpServerExchange exchange, GatewayRoute.Rpc route, RpcWire wire,
      Channel channel, Metadata metadata, byte[] message, Duration timeout,
      OpenStreams streams) {
    RpcStreamCall listener = new RpcStreamCall(exchange, route, wire, timeout, streams);
    ClientCall<byte[], byte[]> call = channel.newCall(
        route.bound().grpcMethod(), listener.deadline.options(exchange.getIoThread()));
    streams.opened(listener);
    exchange.addExchangeCompleteListener((done, next) -> {
      streams.closed(listener);
      listener.outbox.release();
      next.proceed();
    });
    listener.start(call, metadata, message, listener.outbox.firstRequest());
  }

  @Override
  public Executor thread() {
    return exchange.getIoThread();
  }

  @Override
  public void goingAway() {
    Responses.guarded(exchange, () -> {
      if (finished) {
        return;
      }
      call.cancel(OpenStreams.GOING_AWAY, null);
      finished = true;
      outbox.whenDrained(() -> end(GatewayError.STOPPING.status(), null));
    });
  }

  @Override
  public void onHeaders(Metadata headers) {
    this.headers = headers;
  }

  @Override
  public void onMessage(byte[] message) {
    if (finished) {
      return;
    }
    Responses.guarded(exchange, () -> writeMessage(message));
  }

  private void writeMessage(byte[] message) {
    byte[] payload;
    try {
      payload = wire.json() ? RpcJson.render(route, message) : message;
    } catch (TranscodingException e) {
      call.cancel("the gateway could not render a message", e);
      finished = true;
      outbox.whenDrained(() -> end(RpcJson.status(e), null));
      return;
    }
    startResponse();
    outbox.add(RpcResponses.encode(wire, RpcFrames.frame(0, payload)));
  }

  private void startResponse() {
    if (outbox.opened()) {
      return;
    }
    exchange.setStatusCode(200);
    RpcResponses.copyMetadata(headers, exchange.getResponseHeaders(), "");
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, wire.contentType());
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
    outbox.open(new StreamWriter(exchange));
  }

  @Override
  public void request(int messages) {
    if (!finished) {
      call.request(messages);
    }
  }

  @Override
  public void writeFailed(IOException e) {
    log.debug("{}: writing the stream failed: {}", route.grpcMethodName(), e.toString());
    clientGone();
  }

  @Override
  public void onClose(Status status, Metadata trailers) {
    if (finished) {
      return;
    }
    finished = true;
    com.google.rpc.Status outcome = status.isOk()
        ? com.google.rpc.Status.getDefaultInstance()
        : BackendStatus.toRpc(status, trailers, route.grpcMethodName(),
            route.bound().backendName().orElse("?"), deadline.timeout(), deadline.passed());
    outbox.whenDrained(() -> Responses.guarded(exchange, () -> end(outcome, trailers)));
  }

  /** Writes the last frame with {@code outcome} (OK or not) and ends the response. */
  private void end(com.google.rpc.Status outcome, Metadata trailers) {
    startResponse();
    outbox.end(exchange, RpcResponses.lastFrame(wire, outcome, trailers));
  }

  /**
   * As for every call; also the end waiting for the writes to drain is dropped, and the
   * connection closed when the call had already finished.
   */
  @Override
  void clientGone() {
    outbox.forgetDrain();
    super.clientGone();
    IoUtils.safeClose(exchange.getConnection());
  }
}
