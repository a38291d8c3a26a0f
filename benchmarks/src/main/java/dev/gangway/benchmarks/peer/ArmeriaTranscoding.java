package dev.gangway.benchmarks.peer;

import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.grpc.GrpcService;
import com.linecorp.armeria.server.grpc.GrpcServiceBuilder;
import io.grpc.BindableService;

/**
 * The in-process transcoding peer: Armeria's gRPC service with HTTP/JSON transcoding on, serving
 * the benchmark services in the same process (no proxy hop, no second JVM), with Armeria's
 * defaults (services run on its event loops).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.gangway.benchmarks.peer.ArmeriaTranscoding PORT</pre>
 */
public final class ArmeriaTranscoding {
  private ArmeriaTranscoding() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    GrpcServiceBuilder grpc = GrpcService.builder().enableHttpJsonTranscoding(true);
    for (BindableService service : BenchServices.all()) {
      grpc.addService(service);
    }
    Server server = Server.builder()
        .localPort(port, com.linecorp.armeria.common.SessionProtocol.HTTP)
        .service(grpc.build())
        .build();
    server.start().join();
    System.out.println("ready: Armeria transcoding on 127.0.0.1:" + port);
  }
}
