package dev.gangway.benchmarks.peer;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;

/**
 * The gRPC backend of the peer benchmark: the benchmark services on grpc-java's Netty server.
 * Direct gRPC calls and Gangway both talk to this process.
 *
 * <p>By default the services run on the transport's event loop ({@code directExecutor}), as
 * grpc-java's performance advice has non-blocking services do and as Armeria runs the same
 * service code in-process. With {@code default-executor} they run on grpc-java's default
 * executor instead: every call is handed from the event loop to a pool thread and back, about 4.5
 * wake-ups and 35-40 µs of the backend's CPU per call on this machine, which then dominates
 * "direct gRPC" and hides the gateway's own share (docs/benchmarks.md#peers).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.gangway.benchmarks.peer.BackendServer PORT [direct|default-executor]</pre>
 */
public final class BackendServer {
  private BackendServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String executor = args.length > 1 ? args[1] : "direct";
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
    switch (executor) {
      case "direct" -> builder.directExecutor();
      case "default-executor" -> { }
      default -> throw new IllegalArgumentException("executor: direct or default-executor, not " + executor);
    }
    for (BindableService service : BenchServices.all()) {
      builder.addService(service);
    }
    Server server = builder.build().start();
    System.out.println("ready: gRPC backend on 127.0.0.1:" + server.getPort() + " (" + executor + ")");
    server.awaitTermination();
  }
}
