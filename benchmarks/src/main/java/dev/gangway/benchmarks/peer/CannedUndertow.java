package dev.gangway.benchmarks.peer;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;

/**
 * The bare-HTTP peer: Undertow with one IO thread per core answering canned JSON, the same bytes
 * the other targets render: the user for any GET, the order for a POST after reading its whole
 * body (asynchronously, as Gangway does). No routing, no gRPC, no JSON work: what HTTP alone
 * costs.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.gangway.benchmarks.peer.CannedUndertow PORT</pre>
 */
public final class CannedUndertow {
  private CannedUndertow() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    ByteBuffer user = ByteBuffer.wrap(Payloads.json(Payloads.user(Payloads.USER_ID)));
    ByteBuffer order = ByteBuffer.wrap(Payloads.json(Payloads.order()));
    Undertow undertow = Undertow.builder()
        .addHttpListener(port, "127.0.0.1")
        .setIoThreads(Runtime.getRuntime().availableProcessors())
        .setHandler(exchange -> {
          if (exchange.getRequestMethod().equals(Methods.POST)) {
            exchange.getRequestReceiver().receiveFullBytes(
                (ex, body) -> answer(ex, order), (ex, e) -> ex.endExchange());
          } else {
            answer(exchange, user);
          }
        })
        .build();
    undertow.start();
    System.out.println("ready: canned Undertow on 127.0.0.1:" + port);
  }

  private static void answer(HttpServerExchange exchange, ByteBuffer body) {
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseSender().send(body.duplicate());
  }
}
