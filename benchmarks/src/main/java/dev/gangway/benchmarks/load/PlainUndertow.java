package dev.gangway.benchmarks.load;

import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The plain-HTTP baseline for load runs: Undertow with the gateway's listener settings answering
 * every request with a fixed small JSON body, no routing, no gRPC. What HTTP alone costs here.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.gangway.benchmarks.load.PlainUndertow 18080</pre>
 */
public final class PlainUndertow {
  private PlainUndertow() {}

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 18080;
    ByteBuffer body = ByteBuffer.wrap(
        "{\"instance\":\"plain\"}".getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    Undertow undertow = Undertow.builder()
        .addHttpListener(port, "127.0.0.1")
        .setIoThreads(Runtime.getRuntime().availableProcessors())
        .setHandler(exchange -> {
          exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
          exchange.getResponseSender().send(body.duplicate());
        })
        .build();
    undertow.start();
    System.out.println("plain undertow listening on http://127.0.0.1:" + port);
  }
}
