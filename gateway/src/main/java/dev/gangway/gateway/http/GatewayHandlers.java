package dev.gangway.gateway.http;

import dev.gangway.gateway.reload.SnapshotHolder;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import java.util.Objects;

/**
 * Assembles the gateway's request path, the one place where the handler chain is put together:
 *
 * <pre>
 * ErrorGuard -> Route (404, 405, 501) -> Deadline (grpc-timeout, 400) -> 100-continue
 *   -> Body (async, 413, 408) -> Bind (400, 415) -> Call (503; completes from gRPC callbacks, streams server streams)
 *             \-> Composite (a composite route: parallel calls, completes from their callbacks)
 * </pre>
 *
 * <p>Stateless; the returned handler is thread-safe.
 */
public final class GatewayHandlers {
  private GatewayHandlers() {}

  /** The root handler serving requests from the holder's current snapshot. */
  public static HttpHandler create(SnapshotHolder snapshots) {
    Objects.requireNonNull(snapshots, "snapshots");
    HttpHandler call = new CallHandler();
    HttpHandler bind = new BindHandler(call);
    HttpHandler body = new BodyHandler(bind);
    // Answers "Expect: 100-continue" when the body is first read, i.e. after the 413 check.
    HttpHandler expectContinue = new HttpContinueReadHandler(body);
    HttpHandler deadline = new DeadlineHandler(expectContinue);
    HttpHandler route = new RouteHandler(snapshots, new CompositeHandler(), deadline);
    return new ErrorGuardHandler(route);
  }
}
