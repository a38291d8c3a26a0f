package dev.gangway.gateway.observe;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.opentelemetry.api.trace.Span;
import java.util.Objects;

/**
 * Observes every call to one backend method, whoever makes it (a transcoded route, a stream, a
 * WebSocket, each call of a composite): the one place backend calls are measured. Installed on
 * the method's channel when a snapshot binds it, with its meters resolved then. A call made for a
 * request ({@link RequestRecord#CALL_OPTION}) carries the request's {@code x-request-id}.
 *
 * <p>Immutable and thread-safe; adds one clock read at the start and one at the close of a call.
 */
public final class BackendCallObserver implements ClientInterceptor {
  /** The request id every backend call carries. */
  static final Metadata.Key<String> REQUEST_ID =
      Metadata.Key.of(RequestIds.HEADER.toString(), Metadata.ASCII_STRING_MARSHALLER);
  private final BackendMeters meters;

  public BackendCallObserver(BackendMeters meters) {
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        long start = System.nanoTime();
        RequestRecord record = options.getOption(RequestRecord.CALL_OPTION);
        Span span = null;
        if (record != null) {
          // The gateway's id wins over a copy the header mapping forwarded.
          headers.discardAll(REQUEST_ID);
          headers.put(REQUEST_ID, record.requestId());
          if (record.span().getSpanContext().isValid()) {
            span = record.tracing().startClient(
                record.span(), method.getFullMethodName(), meters.backend(), headers);
          }
        }
        Span client = span;
        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(
            listener) {
          @Override
          public void onClose(Status status, Metadata trailers) {
            meters.record(status.getCode(), System.nanoTime() - start);
            if (client != null) {
              Tracing.endClient(client, status);
            }
            super.onClose(status, trailers);
          }
        }, headers);
      }
    };
  }
}
