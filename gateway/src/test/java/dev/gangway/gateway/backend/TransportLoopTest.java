package dev.gangway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.MoreExecutors;
import dev.gangway.gateway.testing.TestConfigs;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Backend channels run on the registry's one transport thread, where calls can be started. */
class TransportLoopTest {
  private static final MethodDescriptor<byte[], byte[]> ECHO =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("test.Echo/Echo")
          .setRequestMarshaller(BytesMarshaller.INSTANCE)
          .setResponseMarshaller(BytesMarshaller.INSTANCE)
          .build();

  private final ChannelRegistry registry = new ChannelRegistry();
  private Server server;

  @BeforeEach
  void startEcho() throws Exception {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerServiceDefinition.builder("test.Echo")
            .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, response) -> {
              response.onNext(request);
              response.onCompleted();
            }))
            .build())
        .build()
        .start();
  }

  @AfterEach
  void stop() throws Exception {
    registry.close();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void callbacksOfADirectCallRunOnTheTransportThread() throws Exception {
    TransportChannel channel = (TransportChannel) registry.channel(
        TestConfigs.backend("echo", "127.0.0.1:" + server.getPort(), "test.Echo"));
    Executor transport = channel.transport().orElseThrow();
    CompletableFuture<Thread> transportThread = new CompletableFuture<>();
    CompletableFuture<Thread> callbackThread = new CompletableFuture<>();
    CompletableFuture<byte[]> answer = new CompletableFuture<>();

    transport.execute(() -> {
      transportThread.complete(Thread.currentThread());
      ClientCall<byte[], byte[]> call = channel.newCall(ECHO,
          CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)
              .withExecutor(MoreExecutors.directExecutor()));
      call.start(new ClientCall.Listener<>() {
        @Override
        public void onMessage(byte[] message) {
          answer.complete(message);
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
          callbackThread.complete(Thread.currentThread());
        }
      }, new Metadata());
      call.request(1);
      call.sendMessage(new byte[] {8, 42});
      call.halfClose();
    });

    assertThat(answer.get(10, TimeUnit.SECONDS)).containsExactly(8, 42);
    assertThat(callbackThread.get(10, TimeUnit.SECONDS))
        .isSameAs(transportThread.get(10, TimeUnit.SECONDS));
    assertThat(transportThread.get().getName()).startsWith("gangway-grpc");
  }

  @Test
  void everyTcpBackendSharesTheOneTransportThread() throws Exception {
    TransportChannel a = (TransportChannel) registry.channel(
        TestConfigs.backend("a", "127.0.0.1:7001", "x.A"));
    TransportChannel b = (TransportChannel) registry.channel(
        TestConfigs.backend("b", "static:///127.0.0.1:7002,127.0.0.1:7003", "x.B"));

    assertThat(a.transport()).isPresent();
    assertThat(b.transport()).isEqualTo(a.transport());
  }

  @Test
  void unixSocketBackendsKeepGrpcsOwnTransport() throws Exception {
    TransportChannel uds = (TransportChannel) registry.channel(
        TestConfigs.backend("uds", "unix:///tmp/gangway-transport-test.sock", "x.A"));

    assertThat(uds.transport()).isEmpty();
  }
}
