package dev.gangway.gateway.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.GatewayServer;
import dev.gangway.gateway.testing.CompositeConfigs;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.RawHttp;
import dev.gangway.gateway.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Composite routes end to end: a real gateway in front of a real gRPC test server. */
class CompositeRoutesIT {
  private static final String ECHO = "gangway.gwtest.v1.EchoService.";

  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path dir;

  private EchoBackend echo;
  private GatewayServer gateway;

  private Http gateway(String composites) throws Exception {
    echo = servers.backend("echo");
    gateway = servers.own(GatewayServer.start(
        CompositeConfigs.loader(dir, echo.target(), composites, true)));
    return new Http(gateway.httpPort());
  }

  /** A gateway whose echo backend is {@code target}, with no echo server started. */
  private Http gatewayAt(String target, String composites) throws Exception {
    gateway = servers.own(GatewayServer.start(
        CompositeConfigs.loader(dir, target, composites, false)));
    return new Http(gateway.httpPort());
  }

  private static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response.body());
  }

  @Test
  void headersTooLargeForTheBackendAre431BeforeAnyCall() throws Exception {
    // F2: such a header used to make the backend reset the HTTP/2 connection all clients share.
    Http http = gateway(String.join("\n",
        "  - name: pair",
        "    method: GET",
        "    path: /v1/pair",
        "    calls:",
        "      a: {method: " + ECHO + "Echo, request: {text: a}}",
        "      b: {method: " + ECHO + "Echo, request: {text: b}}"));

    HttpResponse<String> refused = http.get("/v1/pair", "Authorization", "x".repeat(9000));
    HttpResponse<String> others = http.get("/v1/pair");

    assertThat(refused.statusCode()).isEqualTo(431);
    assertThat(Http.json(refused.body()).get("message").asText())
        .startsWith("request headers forwarded to the backend take ");
    assertThat(ok(others).get("b").get("text").asText()).isEqualTo("b");
  }

  @Test
  void independentCallsRunInParallel() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: parallel",
        "    method: GET",
        "    path: /v1/parallel",
        "    calls:",
        "      a: {method: " + ECHO + "Slow, request: {delay_ms: 400, tag: a}}",
        "      b: {method: " + ECHO + "Slow, request: {delay_ms: 400, tag: b}}",
        "      c: {method: " + ECHO + "Slow, request: {delay_ms: 400, tag: c}}"));

    long start = System.nanoTime();
    JsonNode body = ok(http.get("/v1/parallel"));
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(body.get("a").get("text").asText()).isEqualTo("a");
    assertThat(body.get("b").get("text").asText()).isEqualTo("b");
    assertThat(body.get("c").get("text").asText()).isEqualTo("c");
    assertThat(echo.service().slowMaxInFlight.get()).as("calls in flight at once").isEqualTo(3);
    assertThat(elapsedMs).as("less than the sum of the delays").isLessThan(1200);
  }

  @Test
  void dependentCallReceivesItsPredecessorsValue() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: chain",
        "    method: GET",
        "    path: /v1/chain/{id}",
        "    calls:",
        "      second: {method: " + ECHO + "Echo, request: {text: 'after-{first.text}'}}",
        "      first: {method: " + ECHO + "Echo, request: {text: '{path.id}'}}"));

    JsonNode body = ok(http.get("/v1/chain/42"));

    assertThat(body.get("first").get("text").asText()).isEqualTo("42");
    assertThat(body.get("second").get("text").asText()).isEqualTo("after-42");
    assertThat(body.fieldNames()).toIterable().containsExactly("second", "first");
  }

  @Test
  void responseTemplateKeepsJsonTypes() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: typed",
        "    method: GET",
        "    path: /v1/typed",
        "    calls:",
        "      list: {method: " + ECHO + "List, request: {n: '{query.n}', prefix: p}}",
        "    response:",
        "      count: '{list.count}'",
        "      items: '{list.items}'",
        "      label: 'count={list.count}'",
        "      literal: {nested: [1, true]}",
        "      missing: '{query.absent}'"));

    JsonNode body = ok(http.get("/v1/typed?n=2"));

    assertThat(body.get("count").isInt()).isTrue();
    assertThat(body.get("count").asInt()).isEqualTo(2);
    assertThat(body.get("items").isArray()).isTrue();
    assertThat(body.get("items").get(1).get("id").asText()).isEqualTo("p1");
    assertThat(body.get("label").asText()).isEqualTo("count=2");
    assertThat(body.get("literal").toString()).isEqualTo("{\"nested\":[1,true]}");
    assertThat(body.get("missing").isNull()).isTrue();
  }

  @Test
  void fanOutRespectsTheConcurrencyLimitAndKeepsOrder() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: fan",
        "    method: GET",
        "    path: /v1/fan",
        "    calls:",
        "      list: {method: " + ECHO + "List, request: {n: 20, prefix: t}}",
        "      each:",
        "        method: " + ECHO + "Slow",
        "        for_each: list.items",
        "        request: {delay_ms: 30, tag: '{item.id}'}",
        "        concurrency: 4",
        "    response: {texts: '{each}'}"));

    JsonNode texts = ok(http.get("/v1/fan")).get("texts");

    List<String> tags = new ArrayList<>();
    texts.forEach(t -> tags.add(t.get("text").asText()));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      expected.add("t" + i);
    }
    assertThat(tags).containsExactlyElementsOf(expected);
    assertThat(echo.service().slowMaxInFlight.get()).isBetween(1, 4);
  }

  @Test
  void optionalFailureLeavesItsPartNullAndNamesItInTheHeader() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: partial",
        "    method: GET",
        "    path: /v1/partial",
        "    calls:",
        "      good: {method: " + ECHO + "Echo, request: {text: fine}}",
        "      bad: {method: " + ECHO + "Fail, request: {code: 5, message: gone}, optional: true}",
        "      after: {method: " + ECHO + "Echo, request: {text: '{bad.text}'}}",
        "    response: {good: '{good.text}', bad: '{bad}', after: '{after}', "
            + "missing: '{partial}'}"));

    HttpResponse<String> response = http.get("/v1/partial");
    JsonNode body = ok(response);

    assertThat(response.headers().firstValue("Gangway-Partial")).contains("bad,after");
    assertThat(body.get("good").asText()).isEqualTo("fine");
    assertThat(body.get("bad").isNull()).isTrue();
    assertThat(body.get("after").isNull()).isTrue();
    assertThat(body.get("missing").toString()).isEqualTo("[\"bad\",\"after\"]");
  }

  @Test
  void optionalCallPastItsOwnTimeoutIsMissingWhileTheRestAnswers() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: capped_part",
        "    method: GET",
        "    path: /v1/capped-part",
        "    calls:",
        "      good: {method: " + ECHO + "Echo, request: {text: fine}}",
        "      slow:",
        "        method: " + ECHO + "Slow",
        "        request: {delay_ms: 60000, tag: capped-part}",
        "        optional: true",
        "        timeout: 200ms"));
    // Connects the gateway's channel first: on a loaded machine the 200ms timeout can pass while
    // the lazy channel connects, before the call reaches the backend to be cancelled.
    ok(http.get("/v1/echo/warm"));

    HttpResponse<String> response = http.get("/v1/capped-part");
    JsonNode body = ok(response);

    assertThat(response.headers().firstValue("Gangway-Partial")).contains("slow");
    assertThat(body.get("good").get("text").asText()).isEqualTo("fine");
    assertThat(body.get("slow").isNull()).isTrue();
    assertThat(echo.service().slowCancelled.poll(10, TimeUnit.SECONDS)).isEqualTo("capped-part");
  }

  @Test
  void completeResponseHasNoPartialHeader() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: whole",
        "    method: GET",
        "    path: /v1/whole",
        "    calls:",
        "      good: {method: " + ECHO + "Echo, request: {text: fine}, optional: true}"));

    HttpResponse<String> response = http.get("/v1/whole");

    assertThat(ok(response).get("good").get("text").asText()).isEqualTo("fine");
    assertThat(response.headers().firstValue("Gangway-Partial")).isEmpty();
  }

  @Test
  void requiredFailureNamesTheCallAndCancelsTheOthers() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: failing",
        "    method: GET",
        "    path: /v1/failing",
        "    calls:",
        "      victim: {method: " + ECHO + "Slow, request: {delay_ms: 60000, tag: victim}}",
        "      gate: {method: " + ECHO + "Slow, request: {delay_ms: 200, tag: gate}}",
        "      fail:",
        "        method: " + ECHO + "Fail",
        "        request: {code: 9, message: 'no {gate.text}', field: shelf}"));

    HttpResponse<String> response = http.get("/v1/failing");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = Http.json(response.body());
    assertThat(body.get("code").asInt()).isEqualTo(9);
    assertThat(body.get("message").asText())
        .isEqualTo("call \"fail\" (gangway.gwtest.v1.EchoService/Fail) failed: no gate");
    assertThat(body.get("details").get(0).get("fieldViolations").get(0).get("field").asText())
        .isEqualTo("shelf");
    assertThat(echo.service().slowCancelled.poll(10, TimeUnit.SECONDS)).isEqualTo("victim");
  }

  @Test
  void overallDeadlineIs504NamingTheRunningCallsAndCancelsThem() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: slow_page",
        "    method: GET",
        "    path: /v1/slow-page",
        "    timeout: 300ms",
        "    calls:",
        "      a: {method: " + ECHO + "Slow, request: {delay_ms: 60000, tag: d1}}",
        "      b: {method: " + ECHO + "Slow, request: {delay_ms: 60000, tag: d2}}",
        "      c: {method: " + ECHO + "Echo, request: {text: quick}}"));

    HttpResponse<String> response = http.get("/v1/slow-page");

    assertThat(response.statusCode()).isEqualTo(504);
    JsonNode body = Http.json(response.body());
    assertThat(body.get("code").asInt()).isEqualTo(4);
    assertThat(body.get("message").asText()).isEqualTo(
        "composite \"slow_page\": deadline of 300ms exceeded; still running: a, b");
    List<String> cancelled = List.of(echo.service().slowCancelled.poll(10, TimeUnit.SECONDS),
        echo.service().slowCancelled.poll(10, TimeUnit.SECONDS));
    assertThat(cancelled).containsExactlyInAnyOrder("d1", "d2");
  }

  @Test
  void grpcTimeoutHeaderShortensTheOverallDeadline() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: capped",
        "    method: GET",
        "    path: /v1/capped",
        "    timeout: 30s",
        "    calls:",
        "      a: {method: " + ECHO + "Slow, request: {delay_ms: 60000, tag: capped}}"));

    HttpResponse<String> response = http.get("/v1/capped", "grpc-timeout", "200m");

    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(Http.json(response.body()).get("message").asText()).isEqualTo(
        "composite \"capped\": deadline of 200ms exceeded; still running: a");
  }

  @Test
  void clientClosingTheConnectionCancelsEveryCall() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: gone",
        "    method: GET",
        "    path: /v1/gone",
        "    calls:",
        "      a: {method: " + ECHO + "Slow, request: {delay_ms: 60000, tag: g1}}",
        "      b: {method: " + ECHO + "Slow, request: {delay_ms: 60000, tag: g2}}"));
    try (RawHttp raw = new RawHttp(gateway.httpPort())) {
      raw.send(List.of("GET /v1/gone HTTP/1.1", "Host: 127.0.0.1"), new byte[0]);
      List<String> started = List.of(echo.service().slowStarted.poll(10, TimeUnit.SECONDS),
          echo.service().slowStarted.poll(10, TimeUnit.SECONDS));
      assertThat(started).containsExactlyInAnyOrder("g1", "g2");
    }

    List<String> cancelled = List.of(echo.service().slowCancelled.poll(10, TimeUnit.SECONDS),
        echo.service().slowCancelled.poll(10, TimeUnit.SECONDS));
    assertThat(cancelled).containsExactlyInAnyOrder("g1", "g2");
    assertThat(http.get("/v1/echo/after").statusCode()).isEqualTo(200);
  }

  @Test
  void queryHeaderAndForwardedHeadersReachTheCalls() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: inputs",
        "    method: GET",
        "    path: /v1/inputs/{name=shelves/*}",
        "    calls:",
        "      echo: {method: " + ECHO + "Echo, "
            + "request: {text: '{path.name}|{query.q}|{header.x-tag}'}}",
        "      only: {method: " + ECHO + "Headers, headers: [x-tag]}",
        "      normal: {method: " + ECHO + "Headers}"));

    JsonNode body = ok(http.get("/v1/inputs/shelves/a%20b?q=x%2By&q=second",
        "x-tag", "t1", "authorization", "Bearer s"));

    assertThat(body.get("echo").get("text").asText()).isEqualTo("shelves/a b|x+y|t1");
    assertThat(body.get("only").get("received").has("x-tag")).isTrue();
    assertThat(body.get("only").get("received").has("authorization")).isFalse();
    assertThat(body.get("normal").get("received").get("authorization").asText())
        .isEqualTo("Bearer s");
    assertThat(body.get("normal").get("received").has("x-tag")).isFalse();
  }

  @Test
  void badValueForARequestFieldIs400NamingTheCall() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: typed_input",
        "    method: GET",
        "    path: /v1/typed-input/{n}",
        "    calls:",
        "      list: {method: " + ECHO + "List, request: {n: '{path.n}'}}"));

    HttpResponse<String> response = http.get("/v1/typed-input/many");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response.body()).get("message").asText())
        .isEqualTo("call \"list\" (gangway.gwtest.v1.EchoService/List): request: "
            + "invalid JSON: \"many\" is not a valid int32");
  }

  @Test
  void requiredCallToADeadBackendIs503NamingTheBackendNotItsAddress() throws Exception {
    // Nothing listens on port 1: the call fails in the transport, before reaching a server.
    Http http = gatewayAt("127.0.0.1:1", String.join("\n",
        "  - name: dead",
        "    method: GET",
        "    path: /v1/dead",
        "    calls:",
        "      a: {method: " + ECHO + "Echo, request: {text: x}}"));

    HttpResponse<String> response = http.get("/v1/dead");

    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode body = Http.json(response.body());
    assertThat(body.get("code").asInt()).isEqualTo(14);
    assertThat(body.get("message").asText()).isEqualTo(
        "call \"a\" (gangway.gwtest.v1.EchoService/Echo) failed: backend \"echo\" is unavailable");
  }

  @Test
  void requiredCallToAServiceNoBackendServesIs503() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: orphan",
        "    method: GET",
        "    path: /v1/orphan",
        "    calls:",
        "      good: {method: " + ECHO + "Echo, request: {text: fine}}",
        "      ping: {method: gangway.gwtest.v1.OrphanService.Ping, request: {text: x}}"));

    HttpResponse<String> response = http.get("/v1/orphan");

    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode body = Http.json(response.body());
    assertThat(body.get("code").asInt()).isEqualTo(14);
    assertThat(body.get("message").asText()).isEqualTo("call \"ping\" "
        + "(gangway.gwtest.v1.OrphanService/Ping) failed: no backend serves "
        + "gangway.gwtest.v1.OrphanService");
  }

  @Test
  void optionalCallToAServiceNoBackendServesIsMissing() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: orphan_part",
        "    method: GET",
        "    path: /v1/orphan-part",
        "    calls:",
        "      good: {method: " + ECHO + "Echo, request: {text: fine}}",
        "      ping: {method: gangway.gwtest.v1.OrphanService.Ping, request: {text: x}, "
            + "optional: true}"));

    HttpResponse<String> response = http.get("/v1/orphan-part");
    JsonNode body = ok(response);

    assertThat(response.headers().firstValue("Gangway-Partial")).contains("ping");
    assertThat(body.get("good").get("text").asText()).isEqualTo("fine");
    assertThat(body.get("ping").isNull()).isTrue();
  }

  @Test
  void requiredForEachElementFailingNamesTheElement() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: each_fails",
        "    method: GET",
        "    path: /v1/each-fails",
        "    calls:",
        "      list: {method: " + ECHO + "List, request: {n: 3, prefix: p}}",
        "      each:",
        "        method: " + ECHO + "Fail",
        "        for_each: list.items",
        "        request: {code: 5, message: 'no {item.id}'}",
        "        concurrency: 1"));

    HttpResponse<String> response = http.get("/v1/each-fails");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Http.json(response.body()).get("message").asText()).isEqualTo(
        "call \"each\" [element 0] (gangway.gwtest.v1.EchoService/Fail) failed: no p0");
  }

  @Test
  void malformedGrpcTimeoutOnACompositeRouteIs400() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: timed",
        "    method: GET",
        "    path: /v1/timed",
        "    calls:",
        "      a: {method: " + ECHO + "Echo, request: {text: x}}"));

    HttpResponse<String> response = http.get("/v1/timed", "grpc-timeout", "soon");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response.body()).get("message").asText()).isEqualTo("header grpc-timeout: "
        + "\"soon\" is not a gRPC timeout (1 to 8 digits, then H, M, S, m, u or n)");
  }

  @Test
  void pathNoCompositeOrTranscodedRouteMatchesIs404() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: known",
        "    method: GET",
        "    path: /v1/known/{id}",
        "    calls:",
        "      a: {method: " + ECHO + "Echo, request: {text: '{path.id}'}}"));

    HttpResponse<String> response = http.get("/v1/known/1/extra");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode body = Http.json(response.body());
    assertThat(body.get("code").asInt()).isEqualTo(5);
    assertThat(body.get("message").asText()).isEqualTo("no route for GET /v1/known/1/extra");
  }

  @Test
  void compositeAndTranscodedRoutesShareAPathAndA405() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: delete_echo",
        "    method: DELETE",
        "    path: /v1/echo/{text}",
        "    calls:",
        "      echo: {method: " + ECHO + "Echo, request: {text: 'deleted {path.text}'}}"));

    HttpResponse<String> composite = http.send(http.request("/v1/echo/x").DELETE().build());
    HttpResponse<String> transcoded = http.get("/v1/echo/x");
    HttpResponse<String> neither = http.send(http.request("/v1/echo/x")
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.noBody()).build());

    assertThat(ok(composite).get("echo").get("text").asText()).isEqualTo("deleted x");
    assertThat(ok(transcoded).get("text").asText()).isEqualTo("x");
    assertThat(neither.statusCode()).isEqualTo(405);
    assertThat(neither.headers().firstValue("Allow")).contains("DELETE, GET, PUT");
  }

  @Test
  void reloadWithABadCompositeKeepsServingTheOldSnapshot() throws Exception {
    Http http = gateway(String.join("\n",
        "  - name: kept",
        "    method: GET",
        "    path: /v1/kept",
        "    calls:",
        "      a: {method: " + ECHO + "Echo, request: {text: kept}}"));
    CompositeConfigs.loader(dir, echo.target(), String.join("\n",
        "  - name: kept",
        "    method: GET",
        "    path: /v1/kept",
        "    calls:",
        "      a: {method: " + ECHO + "Echo, request: {text: '{b.text}'}}",
        "      b: {method: " + ECHO + "Echo, request: {text: '{a.text}'}}"), true);

    dev.gangway.gateway.reload.ReloadResult result = gateway.reloadNow();

    assertThat(result.swapped()).isFalse();
    assertThat(result.message())
        .contains("composite \"kept\", call \"a\": dependency cycle a -> b -> a");
    assertThat(ok(http.get("/v1/kept")).get("a").get("text").asText()).isEqualTo("kept");
  }

  @Test
  void adminListsCompositesWithTheirCalls() throws Exception {
    gateway(String.join("\n",
        "  - name: listed",
        "    method: GET",
        "    path: /v1/listed/{id}",
        "    timeout: 2s",
        "    calls:",
        "      list: {method: " + ECHO + "List, request: {n: 2}}",
        "      each: {method: " + ECHO + "Echo, for_each: list.items, "
            + "request: {text: '{item.id}'}, optional: true, timeout: 500ms}"));
    Http admin = new Http(gateway.adminPort().orElseThrow());

    JsonNode composites = ok(admin.get("/admin/routes")).get("composites");

    assertThat(composites).hasSize(1);
    JsonNode listed = composites.get(0);
    assertThat(listed.get("name").asText()).isEqualTo("listed");
    assertThat(listed.get("httpMethod").asText()).isEqualTo("GET");
    assertThat(listed.get("template").asText()).isEqualTo("/v1/listed/{id}");
    assertThat(listed.get("timeout").asText()).isEqualTo("2s");
    JsonNode each = listed.get("calls").get(1);
    assertThat(each.get("name").asText()).isEqualTo("each");
    assertThat(each.get("method").asText()).isEqualTo("gangway.gwtest.v1.EchoService/Echo");
    assertThat(each.get("backend").asText()).isEqualTo("echo");
    assertThat(each.get("dependsOn").toString()).isEqualTo("[\"list\"]");
    assertThat(each.get("forEach").asText()).isEqualTo("list.items");
    assertThat(each.get("optional").asBoolean()).isTrue();
    assertThat(each.get("timeout").asText()).isEqualTo("500ms");
  }

  @Test
  void explainNamesTheCompositeAPathReaches() throws Exception {
    gateway(String.join("\n",
        "  - name: explained",
        "    method: GET",
        "    path: /v1/explained/{id}",
        "    calls:",
        "      one: {method: " + ECHO + "Echo, request: {text: '{path.id}'}}"));
    Http admin = new Http(gateway.adminPort().orElseThrow());

    JsonNode answer = ok(admin.get("/admin/explain?method=GET&path=/v1/explained/7"));

    assertThat(answer.get("result").asText()).isEqualTo("composite");
    assertThat(answer.get("composite").get("name").asText()).isEqualTo("explained");
    assertThat(answer.get("composite").get("calls").get(0).get("method").asText())
        .isEqualTo("gangway.gwtest.v1.EchoService/Echo");
  }
}
