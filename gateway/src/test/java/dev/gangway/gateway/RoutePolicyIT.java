package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Code;
import com.google.rpc.Status;
import dev.gangway.gateway.policy.RoutePolicy;
import dev.gangway.gateway.policy.Verdict;
import dev.gangway.gateway.routing.RouteKind;
import dev.gangway.gateway.routing.RouteMatch;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import io.undertow.util.HttpString;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The policy stage through a real gateway and backend: every request's one match reaches the
 * policies before its body or backend, and each verdict does what docs/architecture.md says.
 */
class RoutePolicyIT {
  private static final HttpString WWW_AUTHENTICATE = HttpString.tryFromString("WWW-Authenticate");

  @RegisterExtension final TestServers servers = new TestServers();

  private final List<String> seen = new CopyOnWriteArrayList<>();
  private EchoBackend echo;

  private Http gateway(RoutePolicy... policies) throws Exception {
    echo = servers.backend("echo");
    List<RoutePolicy.Factory> factories = List.of(policies).stream()
        .map(p -> (RoutePolicy.Factory) (config, routes) -> Optional.of(p))
        .toList();
    GatewayServer server = servers.own(GatewayServer.start(TestConfigs.source(
        TestConfigs.config(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE))), factories));
    return new Http(server.httpPort());
  }

  /** Records what each request matched, then lets it through. */
  private Verdict record(RouteMatch match) {
    if (match instanceof RouteMatch.Matched m) {
      seen.add(m.kind() + " " + m.route().describe());
    } else {
      seen.add(match.getClass().getSimpleName());
    }
    return Verdict.proceed();
  }

  @Test
  void seesEveryMatchWhateverItsOutcome() throws Exception {
    Http http = gateway((exchange, match) -> record(match));

    assertThat(http.get("/v1/echo/a").statusCode()).isEqualTo(200);
    assertThat(http.get("/v1/count/2").statusCode()).isEqualTo(200);
    assertThat(http.get("/v1/nothing").statusCode()).isEqualTo(404);
    assertThat(http.send(http.request("/v1/echo").DELETE().build()).statusCode()).isEqualTo(405);

    assertThat(seen).containsExactly(
        "UNARY GET /v1/echo/{text} -> gangway.gwtest.v1.EchoService.Echo",
        "SERVER_STREAMING GET /v1/count/{n} -> gangway.gwtest.v1.EchoService.Count",
        "NotFound",
        "MethodNotAllowed");
  }

  @Test
  void rejectsWithItsStatusBeforeTheBodyIsReadOrTheBackendCalled() throws Exception {
    Http http = gateway(
        (exchange, match) -> record(match),
        (exchange, match) -> {
          exchange.getResponseHeaders().put(WWW_AUTHENTICATE, "Bearer");
          return Verdict.reject(Status.newBuilder()
              .setCode(Code.UNAUTHENTICATED_VALUE).setMessage("token required").build());
        },
        (exchange, match) -> {
          throw new AssertionError("a policy after a rejection ran");
        });

    HttpResponse<String> response = http.post("/v1/slow", "{\"tag\":\"rejected\"}");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(Http.json(response.body()))
        .isEqualTo(Http.json("{\"code\":16,\"message\":\"token required\",\"details\":[]}"));
    assertThat(seen).containsExactly("UNARY POST /v1/slow -> gangway.gwtest.v1.EchoService.Slow");
    // The backend never saw the call.
    assertThat(echo.service().slowStarted).isEmpty();
  }

  @Test
  void aLaterVerdictResumesTheChainWithoutBlocking() throws Exception {
    Executor elsewhere = CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS);
    Http http = gateway((exchange, match) -> Verdict.later(CompletableFuture.supplyAsync(
        () -> isServerStream(match) ? Verdict.reject(Status.newBuilder()
            .setCode(Code.RESOURCE_EXHAUSTED_VALUE).setMessage("slow down").build())
            : Verdict.proceed(), elsewhere)));

    HttpResponse<String> allowed = http.post("/v1/echo", "{\"text\":\"later\"}");
    HttpResponse<String> denied = http.get("/v1/count/3");

    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(Http.json(allowed.body()).get("text").asText()).isEqualTo("later");
    assertThat(denied.statusCode()).isEqualTo(429);
    assertThat(Http.json(denied.body()).get("message").asText()).isEqualTo("slow down");
  }

  @Test
  void anAnsweringPolicyCompletesTheExchangeItself() throws Exception {
    Http http = gateway((exchange, match) -> {
      if (!exchange.getRequestMethod().toString().equals("OPTIONS")) {
        return Verdict.proceed();
      }
      exchange.setStatusCode(204);
      exchange.getResponseHeaders().put(HttpString.tryFromString("Access-Control-Allow-Methods"),
          ((RouteMatch.MethodNotAllowed) match).allowHeader());
      exchange.endExchange();
      return Verdict.answered();
    });

    HttpResponse<String> preflight = http.send(http.request("/v1/echo")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
    assertThat(http.get("/v1/echo/after").statusCode()).isEqualTo(200);
  }

  private static boolean isServerStream(RouteMatch match) {
    return match instanceof RouteMatch.Matched m && m.kind() == RouteKind.SERVER_STREAMING;
  }
}
