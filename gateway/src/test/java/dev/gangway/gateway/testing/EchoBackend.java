package dev.gangway.gateway.testing;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A real gRPC server on 127.0.0.1 serving {@link TestEchoService}; can be stopped and started again
 * on the same port.
 *
 * <p>Not thread-safe: start, stop and close from the test thread.
 */
public final class EchoBackend implements AutoCloseable {
  /** The metadata the current call arrived with (set by the interceptor). */
  static final Context.Key<Metadata> HEADERS = Context.key("gwtest-headers");
  /** Headers the service wants sent with the response (merged when the headers go out). */
  static final Context.Key<Metadata> RESPONSE_HEADERS = Context.key("gwtest-response-headers");

  private final String name;
  private final TestEchoService service;
  /** Every call that reached this backend, any method: tests of refusals count them. */
  private final java.util.concurrent.atomic.AtomicInteger calls =
      new java.util.concurrent.atomic.AtomicInteger();
  private final ServerCredentials credentials;
  private Server server;
  private int port;

  private EchoBackend(String name, ServerCredentials credentials) {
    this.name = name;
    this.service = new TestEchoService(name);
    this.credentials = credentials;
  }

  static EchoBackend start(String name) throws IOException {
    return start(name, InsecureServerCredentials.create());
  }

  static EchoBackend start(String name, ServerCredentials credentials) throws IOException {
    EchoBackend backend = new EchoBackend(name, credentials);
    backend.listen(0);
    return backend;
  }

  private void listen(int requestedPort) throws IOException {
    ServerInterceptor capture = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        calls.incrementAndGet();
        Metadata extra = new Metadata();
        ServerCall<Q, R> withExtra = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void sendHeaders(Metadata responseHeaders) {
            responseHeaders.merge(extra);
            super.sendHeaders(responseHeaders);
          }
        };
        Context context = Context.current().withValues(HEADERS, headers, RESPONSE_HEADERS, extra);
        return Contexts.interceptCall(context, withExtra, headers, next);
      }
    };
    server = NettyServerBuilder.forAddress(
            new InetSocketAddress("127.0.0.1", requestedPort), credentials)
        .addService(ServerInterceptors.intercept(service, capture))
        .build()
        .start();
    port = server.getPort();
  }

  public String name() {
    return name;
  }

  /** How many calls reached this backend so far. */
  public int calls() {
    return calls.get();
  }

  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:port}. */
  public String target() {
    return "127.0.0.1:" + port;
  }

  public TestEchoService service() {
    return service;
  }

  /** Stops serving (connections are dropped); {@link #restart()} serves again on the same port. */
  public void stop() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(10, TimeUnit.SECONDS);
  }

  public void restart() throws IOException {
    listen(port);
  }

  boolean terminated() {
    return server.isTerminated();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
