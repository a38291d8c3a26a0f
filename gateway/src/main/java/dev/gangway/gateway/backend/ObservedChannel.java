package dev.gangway.gateway.backend;

import dev.gangway.gateway.observe.BackendCallObserver;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.MethodDescriptor;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * A bound method's channel with its calls observed ({@link BackendCallObserver}), which still
 * tells request code the thread its connections run on, so that a unary call keeps being started
 * there in one task ({@link TransportChannel#transport()}).
 *
 * <p>Thread-safe, as the channel it wraps.
 */
public final class ObservedChannel extends Channel {
  private final Channel observed;
  private final Optional<Executor> transport;

  ObservedChannel(Channel channel, BackendCallObserver observer) {
    this.observed = ClientInterceptors.intercept(channel, observer);
    this.transport = channel instanceof TransportChannel t ? t.transport() : Optional.empty();
  }

  /** The thread of the wrapped channel's connections, as {@link TransportChannel#transport()}. */
  public Optional<Executor> transport() {
    return transport;
  }

  @Override
  public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
    return observed.newCall(method, options);
  }

  @Override
  public String authority() {
    return observed.authority();
  }
}
