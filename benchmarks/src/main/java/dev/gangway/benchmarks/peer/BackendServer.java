package dev.gangway.benchmarks.peer;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;

/**
 * The gRPC backend of the peer benchmark: the benchmark services on grpc-java's Netty server with
 * its defaults (application code on grpc's default executor), as a typical service runs. Direct
 * gRPC calls and Gangway both talk to this process.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.gangway.benchmarks.peer.BackendServer PORT</pre>
 */
public final class BackendServer {
  private BackendServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
    for (BindableService service : BenchServices.all()) {
      builder.addService(service);
    }
    Server server = builder.build().start();
    System.out.println("ready: gRPC backend on 127.0.0.1:" + server.getPort());
    server.awaitTermination();
  }
}
