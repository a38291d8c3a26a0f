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
import java.util.Objects;

/**
 * Observes every call to one backend method, whoever makes it (a transcoded route, a stream, a
 * WebSocket, each call of a composite): the one place backend calls are measured. Installed on
 * the method's channel when a snapshot binds it, with its meters resolved then.
 *
 * <p>Immutable and thread-safe; adds one clock read at the start and one at the close of a call.
 */
public final class BackendCallObserver implements ClientInterceptor {
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
        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(
            listener) {
          @Override
          public void onClose(Status status, Metadata trailers) {
            meters.record(status.getCode(), System.nanoTime() - start);
            super.onClose(status, trailers);
          }
        }, headers);
      }
    };
  }
}
