package dev.gangway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.auth.ApiKeyAuthenticator;
import dev.gangway.gateway.testing.AccessConfigs;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.PrometheusText;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} on the admin listener, scraped from a real gateway in front of a real backend
 * after real requests: per-route counts and latency by template, status class and gRPC code; the
 * gateway's own rejections by reason (limits, authentication, rate limits); backend calls by
 * method and code; composite outcomes; gauges; reloads; JVM and process meters.
 */
class GatewayMetricsTest {
  static final String KEY = "acme-key-0123456789";
  static final String ECHO = "/v1/echo/{text}";

  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path dir;

  private EchoBackend echo;
  private GatewayServer gateway;
  private Http http;
  private Http admin;

  @BeforeEach
  void start() throws Exception {
    echo = servers.backend("echo");
    gateway = servers.own(GatewayServer.start(AccessConfigs.source(config(dir, echo.target()))));
    http = new Http(gateway.httpPort());
    admin = new Http(gateway.adminPort().orElseThrow());
  }

  /** Echo needs an API key and has one token an hour; the rest is public. */
  static Path config(Path dir, String target) throws Exception {
    Path file = dir.resolve("gangway.yaml");
    Files.writeString(file, String.join("\n",
        "server: {bind: 127.0.0.1, port: 0, io_threads: 2, max_request_body: 1024,"
            + " max_header_size: 2048}",
        "admin: {bind: 127.0.0.1, port: 0}",
        "descriptors: {paths: ['" + TestConfigs.DESCRIPTORS.toAbsolutePath() + "'], watch: false}",
        "backends:",
        "  - {name: echo, services: [" + TestConfigs.ECHO_SERVICE + "], target: '" + target + "'}",
        "auth:",
        "  providers:",
        "    - name: partners",
        "      api_keys:",
        "        header: x-api-key",
        "        keys:",
        "          - {consumer: acme, sha256: " + ApiKeyAuthenticator.hash(KEY) + "}",
        "access:",
        "  routes:",
        "    - match: [gangway.gwtest.v1.EchoService.Echo]",
        "      require: {provider: partners}",
        "      rate_limits: [one]",
        "rate_limits:",
        "  limits:",
        "    - {name: one, per: [consumer], tokens: 1, period: 1h}",
        "composites:",
        "  - name: both",
        "    method: GET",
        "    path: /v1/both",
        "    calls:",
        "      plain: {method: gangway.gwtest.v1.EchoService.Headers, request: {echo: a}}",
        ""));
    return file;
  }

  PrometheusText scrape() {
    HttpResponse<String> response = admin.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .contains("text/plain; version=0.0.4; charset=utf-8");
    return PrometheusText.parse(response.body());
  }

  /** Scrapes until the request meters show {@code total} requests, then returns that scrape. */
  PrometheusText scrapeAfter(int total) throws InterruptedException {
    PrometheusText[] last = new PrometheusText[1];
    Await.until(total + " requests recorded", () -> {
      last[0] = scrape();
      return last[0].matching("gangway_http_server_requests_seconds_count").stream()
          .mapToDouble(PrometheusText.Sample::value).sum() == total;
    }, () -> last[0].matching("gangway_http_server_requests_seconds_count"));
    return last[0];
  }

  @Test
  void countsRequestsByRouteTemplateStatusClassAndCodeNeverByPath() throws Exception {
    assertThat(http.get("/v1/echo/hello", "x-api-key", KEY).statusCode()).isEqualTo(200);
    assertThat(http.post("/v1/fail", "{\"code\":5}").statusCode()).isEqualTo(404);
    assertThat(http.post("/v1/fail", "{\"code\":14}").statusCode()).isEqualTo(503);
    assertThat(http.get("/v1/count/3").statusCode()).isEqualTo(200);
    assertThat(http.get("/no/such/path").statusCode()).isEqualTo(404);

    PrometheusText metrics = scrapeAfter(5);

    assertThat(metrics.types()).containsEntry("gangway_http_server_requests_seconds", "histogram");
    assertThat(metrics.value("gangway_http_server_requests_seconds_count", "method", "GET",
        "route", ECHO, "status_class", "2xx", "grpc_code", "OK")).isEqualTo(1);
    assertThat(metrics.value("gangway_http_server_requests_seconds_count", "method", "POST",
        "route", "/v1/fail", "status_class", "4xx", "grpc_code", "NOT_FOUND")).isEqualTo(1);
    assertThat(metrics.value("gangway_http_server_requests_seconds_count", "method", "POST",
        "route", "/v1/fail", "status_class", "5xx", "grpc_code", "UNAVAILABLE")).isEqualTo(1);
    assertThat(metrics.value("gangway_http_server_requests_seconds_count", "route", "/v1/count/{n}",
        "status_class", "2xx", "grpc_code", "OK")).isEqualTo(1);
    assertThat(metrics.value("gangway_http_server_requests_seconds_count", "method", "GET",
        "route", "unmatched", "status_class", "4xx", "grpc_code", "NOT_FOUND")).isEqualTo(1);
    // The latency histogram: classic buckets, the last one holding every request.
    assertThat(metrics.value("gangway_http_server_requests_seconds_bucket", "route", ECHO,
        "grpc_code", "OK", "le", "+Inf")).isEqualTo(1);
    assertThat(metrics.matching("gangway_http_server_requests_seconds_bucket", "route", ECHO,
        "grpc_code", "OK")).hasSize(15);
    // Labels come from templates: no sample anywhere names a request's own path.
    assertThat(metrics.samples()).noneMatch(s -> s.labels().containsValue("/v1/echo/hello")
        || s.labels().containsValue("/no/such/path"));
    // Backend calls, per backend and method, by the code the backend answered.
    assertThat(metrics.value("gangway_backend_calls_seconds_count", "backend", "echo",
        "method", "gangway.gwtest.v1.EchoService/Fail", "grpc_code", "NOT_FOUND")).isEqualTo(1);
    assertThat(metrics.value("gangway_backend_calls_seconds_count", "backend", "echo",
        "method", "gangway.gwtest.v1.EchoService/Echo", "grpc_code", "OK")).isEqualTo(1);
    assertThat(metrics.value("gangway_backend_calls_seconds_count", "backend", "echo",
        "method", "gangway.gwtest.v1.EchoService/Count", "grpc_code", "OK")).isEqualTo(1);
    assertThat(metrics.value("gangway_backend_channel_state", "backend", "echo",
        "state", "READY")).isEqualTo(1);
    assertThat(metrics.value("gangway_backend_channel_state", "backend", "echo",
        "state", "TRANSIENT_FAILURE")).isEqualTo(0);
  }

  @Test
  void countsTheGatewaysOwnRejectionsByReasonAndNoBackendCall() throws Exception {
    assertThat(http.get("/v1/echo/a", "x-api-key", KEY).statusCode()).isEqualTo(200);
    assertThat(http.get("/v1/echo/b", "x-api-key", KEY).statusCode()).isEqualTo(429);
    assertThat(http.get("/v1/echo/c").statusCode()).isEqualTo(401);
    assertThat(http.get("/v1/echo/d", "x-api-key", "wrong-key-0123456789").statusCode())
        .isEqualTo(401);
    assertThat(http.post("/v1/slow", "{\"text\":\"" + "x".repeat(2000) + "\"}").statusCode())
        .isEqualTo(413);
    assertThat(http.get("/v1/echo/e", "x-big", "y".repeat(3000)).statusCode()).isEqualTo(431);

    PrometheusText metrics = scrapeAfter(6);

    assertThat(metrics.value("gangway_http_rejections_total", "route", ECHO,
        "reason", "rate_limited")).isEqualTo(1);
    assertThat(metrics.value("gangway_http_rejections_total", "route", ECHO,
        "reason", "unauthenticated")).isEqualTo(2);
    assertThat(metrics.value("gangway_http_rejections_total", "method", "POST",
        "route", "/v1/slow", "reason", "body_too_large")).isEqualTo(1);
    // Refused before matching: counted as unmatched, by method.
    assertThat(metrics.value("gangway_http_rejections_total", "method", "GET",
        "route", "unmatched", "reason", "headers_too_large")).isEqualTo(1);
    assertThat(metrics.value("gangway_http_server_requests_seconds_count", "route", ECHO,
        "status_class", "4xx", "grpc_code", "RESOURCE_EXHAUSTED")).isEqualTo(1);
    assertThat(metrics.value("gangway_http_server_requests_seconds_count", "route", ECHO,
        "status_class", "4xx", "grpc_code", "UNAUTHENTICATED")).isEqualTo(2);
    // Only the one request let through reached the backend.
    assertThat(metrics.matching("gangway_backend_calls_seconds_count").stream()
        .mapToDouble(PrometheusText.Sample::value).sum()).isEqualTo(1);
    assertThat(echo.calls()).isEqualTo(1);
  }

  @Test
  void countsCompositeOutcomesAndEachCompositeCallAsABackendCall() throws Exception {
    assertThat(http.get("/v1/both").statusCode()).isEqualTo(200);

    PrometheusText metrics = scrapeAfter(1);

    assertThat(metrics.value("gangway_composite_requests_total", "method", "GET",
        "route", "/v1/both", "outcome", "ok")).isEqualTo(1);
    assertThat(metrics.value("gangway_backend_calls_seconds_count", "backend", "echo",
        "method", "gangway.gwtest.v1.EchoService/Headers", "grpc_code", "OK")).isEqualTo(1);
  }

  @Test
  void showsGaugesReloadsAndTheJvm() throws Exception {
    PrometheusText before = scrape();
    assertThat(before.value("gangway_snapshot_generation")).isEqualTo(1);
    assertThat(before.value("gangway_reloads_total", "result", "success")).isEqualTo(0);
    assertThat(before.value("gangway_reloads_total", "result", "failure")).isEqualTo(0);
    assertThat(before.value("gangway_reload_last_attempt_failed")).isEqualTo(0);
    assertThat(before.value("gangway_reload_last_success_timestamp_seconds"))
        .isGreaterThan(1.7e9);
    assertThat(before.value("gangway_http_requests_in_flight")).isEqualTo(0);
    assertThat(before.value("gangway_streams_open", "kind", "websocket")).isEqualTo(0);
    assertThat(before.value("gangway_streams_open", "kind", "server_stream")).isEqualTo(0);
    assertThat(before.value("gangway_http_buffered_body_bytes")).isEqualTo(0);
    assertThat(before.sampleNames()).contains("jvm_memory_used_bytes", "jvm_classes_loaded_classes",
        "jvm_threads_live_threads", "process_cpu_usage", "process_uptime_seconds",
        "process_files_open_files");

    assertThat(http.get("/v1/echo/a", "x-api-key", KEY).statusCode()).isEqualTo(200);
    assertThat(gateway.reloadNow().swapped()).isTrue();
    assertThat(http.get("/v1/echo/b", "x-api-key", KEY).statusCode()).isEqualTo(429);

    PrometheusText after = scrapeAfter(2);
    assertThat(after.value("gangway_snapshot_generation")).isEqualTo(2);
    assertThat(after.value("gangway_reloads_total", "result", "success")).isEqualTo(1);
    // The reloaded snapshot's routes count on in the same series.
    assertThat(after.matching("gangway_http_server_requests_seconds_count", "route", ECHO))
        .hasSize(2);
  }

  @Test
  void aReloadDropsTheSeriesOfRoutesAndBackendsItNoLongerServes() throws Exception {
    assertThat(http.get("/v1/both").statusCode()).isEqualTo(200);
    assertThat(http.get("/v1/echo/a", "x-api-key", KEY).statusCode()).isEqualTo(200);
    PrometheusText before = scrapeAfter(2);
    assertThat(before.matching("gangway_http_server_requests_seconds_count", "route", "/v1/both"))
        .hasSize(1);
    assertThat(before.matching("gangway_composite_requests_total", "route", "/v1/both"))
        .hasSize(1);
    assertThat(before.matching("gangway_backend_calls_seconds_count", "backend", "echo"))
        .hasSize(2);

    // The composite goes, and the backend is renamed.
    Path file = dir.resolve("gangway.yaml");
    String yaml = Files.readString(file);
    Files.writeString(file, yaml.substring(0, yaml.indexOf("composites:"))
        .replace("{name: echo,", "{name: echo2,"));
    assertThat(gateway.reloadNow().swapped()).isTrue();

    PrometheusText after = scrape();
    assertThat(after.matching("gangway_http_server_requests_seconds_count", "route", "/v1/both"))
        .isEmpty();
    assertThat(after.matching("gangway_composite_requests_total", "route", "/v1/both")).isEmpty();
    assertThat(after.matching("gangway_backend_calls_seconds_count", "backend", "echo"))
        .isEmpty();
    // What the new snapshot still serves keeps its series and its count.
    assertThat(after.value("gangway_http_server_requests_seconds_count", "method", "GET",
        "route", ECHO, "status_class", "2xx", "grpc_code", "OK")).isEqualTo(1);
    assertThat(http.post("/v1/fail", "{\"code\":5}").statusCode()).isEqualTo(404);
    assertThat(scrapeAfter(2).value("gangway_backend_calls_seconds_count", "backend", "echo2",
        "method", "gangway.gwtest.v1.EchoService/Fail", "grpc_code", "NOT_FOUND")).isEqualTo(1);
  }

  @Test
  void everyMetricIsDocumentedAndTheDashboardUsesOnlyMetricsThatExist() throws Exception {
    // Meters registered on first use: a composite, a rejection, a backend call; a GC pause.
    assertThat(http.get("/v1/both").statusCode()).isEqualTo(200);
    assertThat(http.get("/v1/echo/a").statusCode()).isEqualTo(401);
    System.gc();
    Await.until("a GC pause recorded",
        () -> scrape().sampleNames().contains("jvm_gc_pause_seconds_count"), () -> "none");
    PrometheusText metrics = scrapeAfter(2);
    Set<String> emitted = new TreeSet<>(metrics.sampleNames());
    metrics.types().forEach((family, type) -> {
      emitted.add(family);
      emitted.add(type.equals("counter") && !family.endsWith("_total") ? family + "_total" : family);
    });
    String doc = Files.readString(Path.of("../docs/operations.md"));

    // Every gangway metric has a row, under the name a query uses.
    metrics.types().forEach((family, type) -> {
      if (family.startsWith("gangway_")) {
        String name = type.equals("counter") && !family.endsWith("_total")
            ? family + "_total" : family;
        assertThat(doc).as(name).contains("| `" + name + "` |");
      }
    });
    // Every metric the docs name exists.
    Matcher named = Pattern.compile("`((?:gangway|jvm|process|system)_[a-z0-9_]+)`").matcher(doc);
    while (named.find()) {
      assertThat(emitted).as("docs name " + named.group(1)).contains(named.group(1));
    }
    // Every metric the dashboard queries exists.
    JsonNode dashboard = new ObjectMapper().readTree(
        Files.readString(Path.of("../deploy/grafana/gangway.json")));
    List<String> queries = dashboard.findValuesAsText("expr");
    assertThat(queries).hasSizeGreaterThan(10);
    for (String query : queries) {
      assertUsesOnly(emitted, "dashboard query", query);
    }
    // Every alert is complete and uses only metrics that exist.
    JsonNode alerts = new ObjectMapper(new YAMLFactory()).readTree(
        Files.readString(Path.of("../deploy/prometheus/gangway-alerts.yaml")));
    JsonNode rules = alerts.get("groups").get(0).get("rules");
    assertThat(rules.size()).isGreaterThanOrEqualTo(8);
    for (JsonNode rule : rules) {
      String name = rule.get("alert").asText();
      assertThat(rule.get("labels").get("severity").asText()).as(name)
          .isIn("critical", "warning", "info");
      assertThat(rule.get("annotations").get("summary").asText()).as(name).isNotBlank();
      assertThat(doc).as(name).contains("`" + name + "`");
      if (!name.equals("GangwayDown")) {
        assertUsesOnly(emitted, "alert " + name, rule.get("expr").asText());
      }
    }
  }

  private static void assertUsesOnly(Set<String> emitted, String what, String query) {
    Matcher used = Pattern.compile("\\b((?:gangway|jvm|process|system)_[a-z0-9_]+)").matcher(query);
    assertThat(used.find()).as(query).isTrue();
    do {
      assertThat(emitted).as(what + ": " + query).contains(used.group(1));
    } while (used.find());
  }
}
