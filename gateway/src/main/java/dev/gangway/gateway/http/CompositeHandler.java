package dev.gangway.gateway.http;

import dev.gangway.gateway.compose.CompositeOutcome;
import dev.gangway.gateway.compose.CompositePlan;
import dev.gangway.gateway.compose.CompositeRun;
import dev.gangway.gateway.compose.RequestInputs;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.render.RenderedBody;
import dev.gangway.transcoder.routing.MatchResult;
import io.grpc.Metadata;
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
 * Serves a request that matched a composite route: decides the overall deadline (the composite's
 * timeout, shortened by the client's {@code grpc-timeout} capped at the server maximum), gathers
 * path, query and header inputs, starts a {@link CompositeRun} on the exchange's IO thread and
 * writes its outcome: 200 with the composed JSON (and {@value #PARTIAL} naming missing parts), or
 * the failure's status. Cancels the run when the client goes away or the exchange ends first.
 *
 * <p>Thread-safe: the only state is the header mapping cache it shares with the call handler.
 */
final class CompositeHandler {
  /** Lists the parts of a 200 composite response that are missing, comma-separated. */
  static final String PARTIAL = "Gangway-Partial";
  private static final HttpString PARTIAL_HEADER = HttpString.tryFromString(PARTIAL);

  private final HeaderMappings mappings;

  CompositeHandler(HeaderMappings mappings) {
    this.mappings = mappings;
  }

  void handle(HttpServerExchange exchange, RuntimeSnapshot snapshot,
      MatchResult.Matched<CompositePlan> match) {
    CompositePlan plan = match.route();
    Transcoder transcoder = snapshot.transcoder();
    Duration timeout;
    RequestInputs inputs;
    try {
      timeout = GrpcTimeout.shorten(
          exchange, plan.timeout(), snapshot.config().server().maxGrpcTimeout());
      Metadata metadata =
          mappings.forConfig(snapshot.config().headers()).requestMetadata(exchange);
      String query = exchange.getQueryString();
      inputs = RequestInputs.of(plan, match.segments(), query == null ? "" : query,
          transcoder.options().queryPlusAsSpace(), headers(exchange), metadata);
    } catch (TranscodingException e) {
      Responses.error(exchange, transcoder, e);
      return;
    }
    Duration overall = timeout;
    // Dispatched: when the handler returns, Undertow must not end the exchange; the run starts
    // right after, on this IO thread, and its callbacks complete the exchange.
    exchange.dispatch(SameThreadExecutor.INSTANCE, () -> Responses.guarded(
        exchange, () -> start(exchange, transcoder, plan, inputs, overall)));
  }

  private static void start(HttpServerExchange exchange, Transcoder transcoder, CompositePlan plan,
      RequestInputs inputs, Duration timeout) {
    CompositeRun run = CompositeRun.start(plan, inputs, exchange.getIoThread(), timeout,
        outcome -> Responses.guarded(exchange, () -> respond(exchange, transcoder, outcome)));
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
      if (!composed.partial().isEmpty()) {
        exchange.getResponseHeaders().put(PARTIAL_HEADER, String.join(",", composed.partial()));
      }
      Responses.body(exchange, new RenderedBody(RenderedBody.JSON, composed.body()));
    } else {
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

}
