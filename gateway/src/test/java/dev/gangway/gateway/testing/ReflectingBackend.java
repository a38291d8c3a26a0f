package dev.gangway.gateway.testing;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import dev.gangway.gateway.gwtest.v1.EchoRequest;
import dev.gangway.gateway.gwtest.v1.EchoResponse;
import dev.gangway.gateway.gwtest.v1.OrphanServiceGrpc;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.stub.StreamObserver;
import io.grpc.util.MutableHandlerRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real gRPC server on 127.0.0.1 that serves {@link TestEchoService} and gRPC server reflection
 * (grpc-java's {@code ProtoReflectionService}): v1, v1alpha only, or none. What it serves can be
 * switched while it runs ({@link #addOrphanService}), and reflection sees the switch, as a
 * backend deployed anew would show.
 *
 * <p>Not thread-safe: start, switch and close from the test thread.
 */
public final class ReflectingBackend implements AutoCloseable {
  /** Which reflection protocol the server implements. */
  public enum Reflection { V1, V1ALPHA, NONE }

  private final MutableHandlerRegistry switchable = new MutableHandlerRegistry();
  private final Server server;

  private ReflectingBackend(Reflection reflection, int port) throws IOException {
    NettyServerBuilder builder = NettyServerBuilder
        .forAddress(new InetSocketAddress("127.0.0.1", port))
        .addService(new TestEchoService("reflecting"))
        .fallbackHandlerRegistry(switchable);
    switch (reflection) {
      case V1 -> builder.addService(ProtoReflectionServiceV1.newInstance());
      case V1ALPHA -> builder.addService(v1alpha());
      case NONE -> { }
    }
    server = builder.build().start();
  }

  /** Starts one on an ephemeral port. */
  public static ReflectingBackend start(Reflection reflection) throws IOException {
    return new ReflectingBackend(reflection, 0);
  }

  /** Starts one on {@code port} (one a closed backend had: a backend that comes up late). */
  public static ReflectingBackend start(Reflection reflection, int port) throws IOException {
    return new ReflectingBackend(reflection, port);
  }

  public int port() {
    return server.getPort();
  }

  /** The deprecated v1alpha service: what servers built before grpc.reflection.v1 serve. */
  @SuppressWarnings("deprecation")
  private static BindableService v1alpha() {
    return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
  }

  /**
   * Writes to {@code file} the operator's drifted copy of the test descriptors: in
   * {@code EchoRequest} the field {@code text} numbered 7 (the backend has 1), and a method
   * {@code EchoService.Ghost} the backend does not serve.
   */
  public static Path writeDriftedCopy(Path file) throws IOException {
    FileDescriptorSet.Builder edited = FileDescriptorSet
        .parseFrom(Files.readAllBytes(TestConfigs.DESCRIPTORS)).toBuilder();
    for (FileDescriptorProto.Builder proto : edited.getFileBuilderList()) {
      if (proto.getName().equals("gangway/gwtest/v1/echo.proto")) {
        proto.getMessageTypeBuilderList().stream().filter(m -> m.getName().equals("EchoRequest"))
            .forEach(m -> m.getFieldBuilder(0).setNumber(7));
        proto.getServiceBuilderList().stream().filter(s -> s.getName().equals("EchoService"))
            .forEach(s -> s.addMethod(MethodDescriptorProto.newBuilder().setName("Ghost")
                .setInputType(".gangway.gwtest.v1.EchoRequest")
                .setOutputType(".gangway.gwtest.v1.EchoResponse")));
      }
    }
    return Files.write(file, edited.build().toByteArray());
  }

  /** {@code 127.0.0.1:port}. */
  public String target() {
    return "127.0.0.1:" + server.getPort();
  }

  /**
   * Starts serving {@code gangway.gwtest.v1.OrphanService} too ({@code Ping} answers
   * {@code pong: <text>}); reflection lists it from now on.
   */
  public void addOrphanService() {
    switchable.addService(new OrphanServiceGrpc.OrphanServiceImplBase() {
      @Override
      public void ping(EchoRequest request, StreamObserver<EchoResponse> response) {
        response.onNext(EchoResponse.newBuilder().setText("pong: " + request.getText()).build());
        response.onCompleted();
      }
    });
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("reflecting backend did not terminate");
    }
  }
}
