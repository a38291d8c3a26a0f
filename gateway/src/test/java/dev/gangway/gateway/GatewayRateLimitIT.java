package dev.gangway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.auth.ApiKeyAuthenticator;
import dev.gangway.gateway.testing.AccessConfigs;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.RedisServer;
import dev.gangway.gateway.testing.TestServers;
import dev.gangway.gateway.testing.WsClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits end to end: token buckets per consumer on one instance and shared by two instances
 * through a real redis-server, concurrent-stream caps, and what an unreachable Redis does.
 */
class GatewayRateLimitIT {
  static final String ACME = "acme-key-0123456789";
  static final String ZETA = "zeta-key-0123456789";

  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path dir;

  private EchoBackend echo;

  @BeforeEach
  void backend() throws Exception {
    echo = servers.backend("echo");
  }

  static String config(String redis) {
    return String.join("\n",
        "auth:",
        "  providers:",
        "    - name: partners",
        "      api_keys:",
        "        header: x-api-key",
        "        keys:",
        "          - {consumer: acme, sha256: " + ApiKeyAuthenticator.hash(ACME) + "}",
        "          - {consumer: zeta, sha256: " + ApiKeyAuthenticator.hash(ZETA) + "}",
        "access:",
        "  routes:",
        "    - match: [gangway.gwtest.v1.EchoService.Echo]",
        "      require: {provider: partners}",
        "      rate_limits: [per-partner]",
        "    - match: [gangway.gwtest.v1.EchoService.Chat]",
        "      require: {provider: partners}",
        "      rate_limits: [streams]",
        "rate_limits:",
        "  limits:",
        "    - {name: per-partner, per: [consumer], tokens: 3, period: 1h}",
        "    - {name: streams, per: [consumer], concurrent_streams: 1}",
        redis);
  }

  private GatewayServer gateway(Path directory, String redis) throws Exception {
    Files.createDirectories(directory);
    return servers.own(GatewayServer.start(AccessConfigs.source(
        AccessConfigs.write(directory, echo.target(), config(redis)))));
  }

  @Test
  void aConsumerOverItsBucketGets429WithRetryAfterAndRateLimitHeaders() throws Exception {
    Http http = new Http(gateway(dir, "").httpPort());

    for (int remaining = 2; remaining >= 0; remaining--) {
      HttpResponse<String> ok = http.get("/v1/echo/a", "x-api-key", ACME);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("RateLimit-Limit")).contains("3");
      assertThat(ok.headers().firstValue("RateLimit-Remaining")).contains("" + remaining);
      assertThat(ok.headers().firstValue("RateLimit-Policy")).contains("3;w=3600");
    }
    HttpResponse<String> limited = http.get("/v1/echo/a", "x-api-key", ACME);

    assertThat(limited.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 1200L);
    assertThat(limited.headers().firstValue("RateLimit-Remaining")).contains("0");
    assertThat(Http.json(limited.body()).get("code").asInt()).isEqualTo(8);
    assertThat(Http.json(limited.body()).get("message").asText()).isEqualTo(
        "rate limit per-partner exceeded (3 per 3600s); retry in " + retryAfter + "s");
    assertThat(echo.calls()).isEqualTo(3);
    // Another consumer has its own bucket.
    assertThat(http.get("/v1/echo/a", "x-api-key", ZETA).statusCode()).isEqualTo(200);
  }

  @Test
  void aConsumerMayHoldOnlyItsConcurrentStreams() throws Exception {
    GatewayServer gateway = gateway(dir, "");
    try (WsClient first = WsClient.connect(gateway.httpPort(), "/v1/chat/a", "x-api-key", ACME)) {
      first.send("{\"text\":\"one\"}");
      assertThat(first.next().text()).contains("one");

      Throwable refused = refusedWith(gateway.httpPort(), ACME);
      assertThat(((WebSocketHandshakeException) refused).getResponse().statusCode())
          .isEqualTo(429);
      // Another consumer has its own slots.
      try (WsClient other =
          WsClient.connect(gateway.httpPort(), "/v1/chat/b", "x-api-key", ZETA)) {
        other.send("{\"text\":\"two\"}");
        assertThat(other.next().text()).contains("two");
      }
    }
    Await.until("the closed socket's slot to be free", () -> {
      try (WsClient again =
          WsClient.connect(gateway.httpPort(), "/v1/chat/a", "x-api-key", ACME)) {
        return true;
      } catch (Exception e) {
        return false;
      }
    }, () -> "still refused");
  }

  private static Throwable refusedWith(int port, String key) throws Exception {
    try (WsClient ws = WsClient.connect(port, "/v1/chat/a", "x-api-key", key)) {
      throw new AssertionError("a second stream was let in");
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
  }

  @Test
  void twoGatewaysShareOneBudgetThroughRedis() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      String shared = "  redis: {uri: '" + redis.uri() + "', on_failure: closed}";
      Http a = new Http(gateway(dir.resolve("a"), shared).httpPort());
      Http b = new Http(gateway(dir.resolve("b"), shared).httpPort());

      assertThat(a.get("/v1/echo/1", "x-api-key", ACME).statusCode()).isEqualTo(200);
      assertThat(b.get("/v1/echo/2", "x-api-key", ACME).statusCode()).isEqualTo(200);
      HttpResponse<String> third = a.get("/v1/echo/3", "x-api-key", ACME);
      assertThat(third.statusCode()).isEqualTo(200);
      assertThat(third.headers().firstValue("RateLimit-Remaining")).contains("0");

      assertThat(b.get("/v1/echo/4", "x-api-key", ACME).statusCode()).isEqualTo(429);
      assertThat(a.get("/v1/echo/5", "x-api-key", ACME).statusCode()).isEqualTo(429);
      assertThat(echo.calls()).isEqualTo(3);
      assertThat(b.get("/v1/echo/6", "x-api-key", ZETA).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anUnreachableRedisFailsClosedWith503AndMakesTheGatewayNotReady() throws Exception {
    int port = stoppedRedisPort();
    GatewayServer gateway = gateway(dir,
        "  redis: {uri: 'redis://127.0.0.1:" + port + "', on_failure: closed, timeout: 200ms}");
    Http http = new Http(gateway.httpPort());
    Http admin = new Http(gateway.adminPort().orElseThrow());

    HttpResponse<String> refused = http.get("/v1/echo/a", "x-api-key", ACME);

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(Http.json(refused.body()).get("message").asText()).isEqualTo("rate limit"
        + " per-partner cannot be checked: the rate limit store is unreachable");
    assertThat(echo.calls()).isZero();
    HttpResponse<String> readyz = admin.get("/readyz");
    assertThat(readyz.statusCode()).isEqualTo(503);
    assertThat(readyz.body()).contains("rate limit store redis redis://127.0.0.1:" + port
        + " is unreachable").contains("on_failure: closed refuses limited requests with 503");
  }

  @Test
  void anUnreachableRedisFailsOpenWhenConfiguredAndReadyzWarns() throws Exception {
    int port = stoppedRedisPort();
    GatewayServer gateway = gateway(dir,
        "  redis: {uri: 'redis://127.0.0.1:" + port + "', on_failure: open, timeout: 200ms}");
    Http http = new Http(gateway.httpPort());
    Http admin = new Http(gateway.adminPort().orElseThrow());

    for (int i = 0; i < 5; i++) {
      HttpResponse<String> passed = http.get("/v1/echo/a", "x-api-key", ACME);
      assertThat(passed.statusCode()).isEqualTo(200);
      assertThat(passed.headers().firstValue("RateLimit-Remaining")).isEmpty();
    }
    assertThat(echo.calls()).isEqualTo(5);
    HttpResponse<String> readyz = admin.get("/readyz");
    assertThat(readyz.statusCode()).isEqualTo(200);
    assertThat(readyz.body()).contains("on_failure: open lets limited requests through"
        + " uncounted");
  }

  /** A loopback port where a Redis ran and does not any more. */
  private static int stoppedRedisPort() throws Exception {
    RedisServer redis = RedisServer.start();
    int port = redis.port();
    redis.close();
    return port;
  }
}
