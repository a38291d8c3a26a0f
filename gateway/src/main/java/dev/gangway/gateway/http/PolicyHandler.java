package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.Responses;
import dev.gangway.gateway.observe.Rejection;
import dev.gangway.gateway.observe.RequestRecord;
import dev.gangway.gateway.policy.RoutePolicy;
import dev.gangway.gateway.policy.Verdict;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.routing.RouteMatch;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.util.List;
import java.util.Objects;

/**
 * The policy stage: runs the snapshot's {@link RoutePolicy}s, in order, on every request's one
 * {@link RouteMatch} before anything else happens to it (no body read, no backend call). Each
 * policy proceeds, rejects (its {@code google.rpc.Status}, rendered by the one renderer), answers
 * the request itself, or decides later; a later verdict resumes the chain on the exchange's IO
 * thread without blocking it. Then {@code next}.
 *
 * <p>Immutable and thread-safe. The extension point is documented in
 * docs/architecture.md#per-route-policy.
 */
final class PolicyHandler implements HttpHandler {
  private final HttpHandler next;

  PolicyHandler(HttpHandler next) {
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    run(exchange, 0);
  }

  /** Runs the policies from index {@code from} on. */
  private void run(HttpServerExchange exchange, int from) throws Exception {
    RuntimeSnapshot snapshot = RequestSnapshot.attached(exchange);
    RouteMatch match = exchange.getAttachment(Attachments.MATCH);
    List<RoutePolicy> policies = snapshot.policies().policies();
    for (int i = from; i < policies.size(); i++) {
      if (!proceeds(exchange, snapshot, policies.get(i).check(exchange, match), i)) {
        return;
      }
    }
    next.handleRequest(exchange);
  }

  /** Acts on the verdict of policy {@code index}; true when the next policy should run now. */
  private boolean proceeds(
      HttpServerExchange exchange, RuntimeSnapshot snapshot, Verdict verdict, int index) {
    if (verdict instanceof Verdict.Proceed) {
      return true;
    }
    if (verdict instanceof Verdict.Reject reject) {
      RequestRecord.noteRejection(exchange, Rejection.ofPolicy(reject.status().getCode()));
      Responses.error(exchange, snapshot.transcoder().renderError(reject.status()));
    } else if (verdict instanceof Verdict.Later later) {
      // Dispatched: Undertow leaves the exchange open when this handler returns.
      exchange.dispatch(SameThreadExecutor.INSTANCE, () -> later.verdict().whenComplete(
          (decided, failure) -> exchange.getIoThread().execute(
              () -> Connectors.executeRootHandler(
                  ex -> resume(ex, snapshot, decided, failure, index), exchange))));
    }
    // Verdict.Answered: the policy completes the exchange itself.
    return false;
  }

  private void resume(HttpServerExchange exchange, RuntimeSnapshot snapshot, Verdict verdict,
      Throwable failure, int index) {
    Responses.guarded(exchange, () -> {
      if (failure != null) {
        throw new IllegalStateException("policy " + index + " failed", failure);
      }
      if (proceeds(exchange, snapshot, Objects.requireNonNull(verdict, "verdict"), index)) {
        run(exchange, index + 1);
      }
    });
  }
}
