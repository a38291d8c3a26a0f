package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.config.AdminConfig;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.ShutdownConfig;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Stopping as Kubernetes needs it: {@code /readyz} turns 503 at once while requests are still
 * served for the drain delay; then new requests get a {@code google.rpc.Status} 503, calls in
 * flight finish within the grace, and a call that outlives it is answered 503 and cancelled. No
 * ERROR is logged by a normal stop.
 */
class GatewayGracefulStopIT {
  @RegisterExtension final TestServers servers = new TestServers();

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void captureLogs() {
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void noErrorWasLogged() {
    root.detachAppender(logs);
    assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
        .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
  }

  private GatewayServer gateway(EchoBackend echo, ShutdownConfig shutdown) throws Exception {
    GatewayConfig config = TestConfigs.config(TestConfigs.backend("echo", echo.target(),
            ECHO_SERVICE)).toBuilder()
        .admin(new AdminConfig("127.0.0.1", 0))
        .shutdown(shutdown)
        .build();
    return servers.gateway(config);
  }

  /** Runs {@code close()} on its own thread, as the JVM's shutdown hook does. */
  private static Thread stopInBackground(GatewayServer gateway) {
    Thread stopper = new Thread(gateway::close, "test-stopper");
    stopper.start();
    return stopper;
  }

  @Test
  void readinessTurns503AtOnceWhileRequestsAreStillServedDuringTheDrainDelay() throws Exception {
    EchoBackend echo = servers.backend("echo");
    // Far longer than the test: the drain is ended by interrupting the stopping thread.
    GatewayServer gateway = gateway(echo, new ShutdownConfig(Duration.ofMinutes(5),
        Duration.ofSeconds(30)));
    Http http = new Http(gateway.httpPort());
    Http admin = new Http(gateway.adminPort().orElseThrow());
    assertThat(admin.get("/readyz").statusCode()).isEqualTo(200);

    Thread stopper = stopInBackground(gateway);
    Await.until("/readyz answers 503", () -> admin.get("/readyz").statusCode() == 503,
        () -> admin.get("/readyz").body());
    HttpResponse<String> during = http.get("/v1/echo/still-here");

    assertThat(during.statusCode()).isEqualTo(200);
    assertThat(Http.json(during.body()).get("text").asText()).isEqualTo("still-here");
    // Keep-alive clients are pushed to reconnect, to a replica that stays.
    assertThat(during.headers().firstValue("Connection")).hasValue("close");
    JsonNode ready = Http.json(admin.get("/readyz").body());
    assertThat(ready.get("reasons").get(0).asText()).isEqualTo("the gateway is stopping");

    stopper.interrupt();
    stopper.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(stopper.isAlive()).isFalse();
  }

  @Test
  void callsInFlightFinishWithinTheGraceWhileNewRequestsGetAStatusBody() throws Exception {
    EchoBackend echo = servers.backend("echo");
    GatewayServer gateway = gateway(echo, new ShutdownConfig(Duration.ZERO,
        Duration.ofSeconds(60)));
    Http http = new Http(gateway.httpPort());
    CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(slow(http, 1500, "finish"));
    assertThat(echo.service().slowStarted.poll(20, TimeUnit.SECONDS)).isEqualTo("finish");

    Thread stopper = stopInBackground(gateway);
    Await.until("new requests are refused", () -> refused(new Http(gateway.httpPort())),
        () -> "still served");
    HttpResponse<String> refused = new Http(gateway.httpPort()).get("/v1/echo/late");
    JsonNode body = Http.json(refused.body());

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(body.get("code").asInt()).isEqualTo(14);
    assertThat(body.get("message").asText()).isEqualTo("the gateway is stopping");
    HttpResponse<String> finished = inFlight.get(30, TimeUnit.SECONDS);
    assertThat(finished.statusCode()).isEqualTo(200);
    assertThat(Http.json(finished.body()).get("text").asText()).isEqualTo("finish");
    stopper.join(TimeUnit.SECONDS.toMillis(60));
    assertThat(stopper.isAlive()).isFalse();
  }

  @Test
  void aCallThatOutlivesTheGraceIsAnswered503AndCancelled() throws Exception {
    EchoBackend echo = servers.backend("echo");
    GatewayServer gateway = gateway(echo, new ShutdownConfig(Duration.ZERO,
        Duration.ofMillis(500)));
    Http http = new Http(gateway.httpPort());
    CompletableFuture<HttpResponse<String>> inFlight =
        http.sendAsync(slow(http, 600_000, "cut"));
    assertThat(echo.service().slowStarted.poll(20, TimeUnit.SECONDS)).isEqualTo("cut");

    gateway.close();

    HttpResponse<String> cut = inFlight.get(30, TimeUnit.SECONDS);
    JsonNode body = Http.json(cut.body());
    assertThat(cut.statusCode()).isEqualTo(503);
    assertThat(body.get("code").asInt()).isEqualTo(14);
    assertThat(body.get("message").asText())
        .isEqualTo("the gateway is stopping: the call did not finish within the shutdown grace");
    assertThat(echo.service().slowCancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("cut");
  }

  private static HttpRequest slow(Http http, int delayMs, String tag) {
    return http.request("/v1/slow")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"delayMs\":" + delayMs + ",\"tag\":\"" + tag + "\"}"))
        .build();
  }

  private static boolean refused(Http http) {
    return http.get("/v1/echo/probe").statusCode() == 503;
  }
}
