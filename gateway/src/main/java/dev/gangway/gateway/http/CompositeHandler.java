package dev.gangway.gateway.http;

import dev.gangway.gateway.access.AccessOutcome;
import dev.gangway.gateway.compose.CompositeOutcome;
import dev.gangway.gateway.compose.CompositePlan;
import dev.gangway.gateway.compose.CompositeRun;
import dev.gangway.gateway.compose.RequestInputs;
import dev.gangway.gateway.errors.Responses;
import io.grpc.CallOptions;
import dev.gangway.gateway.observe.RequestRecord;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.routing.GatewayRoute;
import dev.gangway.gateway.routing.RouteMatch;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.render.RenderedBody;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xnio.IoUtils;

/**
 * Serves a request that matched a composite route, as the composite branch of the chain after the
 * deadline and header stages: gathers path, query and header inputs, starts a {@link
 * CompositeRun} on the exchange's IO thread with the deadline {@link DeadlineHandler} decided and
 * the metadata {@link MetadataHandler} mapped, and writes its outcome: 200 with the composed JSON
 * (and {@value #PARTIAL} naming missing parts), or the failure's status. Cancels the run when the
 * client goes away or the exchange ends first.
 *
 * <p>Immutable and thread-safe.
 */
final class CompositeHandler implements HttpHandler {
  /** Lists the parts of a 200 composite response that are missing, comma-separated. */
  static final String PARTIAL = "Gangway-Partial";
  private static final HttpString PARTIAL_HEADER = HttpString.tryFromString(PARTIAL);

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    RuntimeSnapshot snapshot = RequestSnapshot.attached(exchange);
    RouteMatch.Matched match = (RouteMatch.Matched) exchange.getAttachment(Attachments.MATCH);
    CompositePlan plan = ((GatewayRoute.Composite) match.route()).plan();
    Transcoder transcoder = snapshot.transcoder();
    Duration timeout = exchange.getAttachment(Attachments.TIMEOUT);
    String query = exchange.getQueryString();
    RequestInputs inputs = RequestInputs.of(plan, match.segments(), query == null ? "" : query,
        transcoder.options().queryPlusAsSpace(), headers(exchange),
        exchange.getAttachment(Attachments.METADATA), identityNames(exchange));
    // Dispatched: when the handler returns, Undertow must not end the exchange; the run starts
    // right after, on this IO thread, and its callbacks complete the exchange.
    exchange.dispatch(SameThreadExecutor.INSTANCE, () -> Responses.guarded(
        exchange, () -> start(exchange, transcoder, plan, inputs, timeout)));
  }

  private static void start(HttpServerExchange exchange, Transcoder transcoder, CompositePlan plan,
      RequestInputs inputs, Duration timeout) {
    CompositeRun run = CompositeRun.start(plan, inputs, exchange.getIoThread(), timeout,
        RequestRecord.withRecord(CallOptions.DEFAULT, exchange), outcome -> Responses.guarded(exchange, () -> respond(exchange, transcoder, outcome)));
    if (run.finished()) {
      return;
    }
    exchange.addExchangeCompleteListener((ex, next) -> {
      try {
        run.cancel("the HTTP exchange ended before the composite was done");
      } finally {
        next.proceed();
      }
    });
    DisconnectWatcher.watch(exchange, () -> {
      if (!run.finished()) {
        run.cancel("the client closed the connection");
        IoUtils.safeClose(exchange.getConnection());
      }
    });
  }

  private static void respond(
      HttpServerExchange exchange, Transcoder transcoder, CompositeOutcome outcome) {
    if (outcome instanceof CompositeOutcome.Composed composed) {
      RequestRecord.noteComposite(exchange, composed.partial().isEmpty()
          ? RequestRecord.CompositeResult.OK : RequestRecord.CompositeResult.PARTIAL);
      if (!composed.partial().isEmpty()) {
        exchange.getResponseHeaders().put(PARTIAL_HEADER, String.join(",", composed.partial()));
      }
      Responses.body(exchange, new RenderedBody(RenderedBody.JSON, composed.body()));
    } else {
      RequestRecord.noteComposite(exchange, RequestRecord.CompositeResult.FAILED);
      Responses.error(exchange,
          transcoder.renderError(((CompositeOutcome.Failed) outcome).status()));
    }
  }

  private static Map<String, List<String>> headers(HttpServerExchange exchange) {
    Map<String, List<String>> headers = new HashMap<>();
    for (HeaderValues values : exchange.getRequestHeaders()) {
      headers.put(values.getHeaderName().toString().toLowerCase(Locale.ROOT), List.copyOf(values));
    }
    return headers;
  }


  /** The identity metadata names every call carries whatever its headers list (access policy). */
  private static java.util.Set<String> identityNames(HttpServerExchange exchange) {
    AccessOutcome access = exchange.getAttachment(AccessOutcome.KEY);
    return access == null ? java.util.Set.of() : access.names().names();
  }
}
