package dev.gangway.gateway.backend;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A backend channel together with the thread its connections run on, when it has one
 * ({@link TransportLoop}): request code starts calls there in one task instead of handing over
 * each call operation separately.
 *
 * <p>Thread-safe, as the channel it wraps.
 */
public final class TransportChannel extends ManagedChannel {
  private final ManagedChannel channel;
  private final Optional<Executor> transport;

  TransportChannel(ManagedChannel channel, Optional<Executor> transport) {
    this.channel = channel;
    this.transport = transport;
  }

  /**
   * The single thread this channel's connections and deadline timers run on; empty when the
   * channel uses grpc-java's own event loops (Unix domain sockets).
   */
  public Optional<Executor> transport() {
    return transport;
  }

  @Override
  public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
    return channel.newCall(method, options);
  }

  @Override
  public String authority() {
    return channel.authority();
  }

  @Override
  public ManagedChannel shutdown() {
    channel.shutdown();
    return this;
  }

  @Override
  public boolean isShutdown() {
    return channel.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return channel.isTerminated();
  }

  @Override
  public ManagedChannel shutdownNow() {
    channel.shutdownNow();
    return this;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return channel.awaitTermination(timeout, unit);
  }

  @Override
  public ConnectivityState getState(boolean requestConnection) {
    return channel.getState(requestConnection);
  }

  @Override
  public void notifyWhenStateChanged(ConnectivityState source, Runnable callback) {
    channel.notifyWhenStateChanged(source, callback);
  }

  @Override
  public void resetConnectBackoff() {
    channel.resetConnectBackoff();
  }

  @Override
  public void enterIdle() {
    channel.enterIdle();
  }
}
