package dev.gangway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.testing.AccessConfigs;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.SyntheticApi;
import dev.gangway.gateway.testing.TestServers;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway at scale in every build: an API of 2,000 services in 2,000 files with 16,000 HTTP
 * rules (32,000 routes with each method's automatic POST route), generated here ({@link SyntheticApi}), served by one real gateway. Requests across the
 * table reach their own method at the backend, and {@code /admin/explain} names it with only the
 * routes that match the path as candidates. Bounded: a ~1.5 MB set and a few dozen requests;
 * nothing is timed (the figures at corpus scale are in docs/benchmarks.md).
 */
class GatewayScaleIT {
  private static final String PKG = "scale";
  private static final int SERVICES = 2_000;
  private static final int METHODS = 8;

  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path dir;

  @Test
  void thousandsOfServicesRouteToTheirOwnMethodAndExplainSaysSo() throws Exception {
    EchoBackend backend = servers.backend("echo");
    Path set = SyntheticApi.write(dir.resolve("scale.binpb"), PKG, SERVICES, METHODS);
    Path config = Files.writeString(dir.resolve("gangway.yaml"), String.join("\n",
        "server: {bind: 127.0.0.1, port: 0, io_threads: 2}",
        "admin: {bind: 127.0.0.1, port: 0}",
        "descriptors: {paths: ['" + set + "'], watch: false}",
        "backends:",
        "  - {name: all, services: ['*'], target: '" + backend.target() + "'}",
        ""));
    GatewayServer gateway = servers.own(GatewayServer.start(AccessConfigs.source(config)));
    Http http = new Http(gateway.httpPort());
    Http admin = new Http(gateway.adminPort().orElseThrow());

    JsonNode status = Http.json(admin.get("/admin/status").body());
    // Each rule, plus every method's automatic POST /<package.Service>/<Method> (auto_mapping).
    assertThat(status.get("routes").asLong())
        .isEqualTo(2 * SyntheticApi.rules(SERVICES, METHODS));

    for (int i : List.of(0, 1, 999, 1_234, SERVICES - 1)) {
      for (int j : List.of(0, 1, METHODS - 2, METHODS - 1)) {
        String method = PKG + ".s" + i + ".Svc/M" + j;
        String path = SyntheticApi.path(i, j);
        // The backend serves only the test echo service, so it names the method it was asked
        // for in its UNIMPLEMENTED answer: the request reached the right method.
        HttpResponse<String> response = j % 2 == 0 ? http.get(path) : http.post(path, "{}");
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(501);
        assertThat(Http.json(response.body()).get("message").asText()).as(path)
            .contains(method);

        JsonNode explained = Http.json(admin.get("/admin/explain?method="
            + (j % 2 == 0 ? "GET" : "POST") + "&path="
            + URLEncoder.encode(path, StandardCharsets.UTF_8)).body());
        assertThat(explained.get("result").asText()).as(path).isEqualTo("matched");
        assertThat(explained.get("route").get("grpcMethod").asText()).isEqualTo(method);
        assertThat(explained.get("candidates")).as(path).hasSize(1);
      }
    }
    assertThat(http.get("/v1/s" + SERVICES + "/r0/items/x").statusCode()).isEqualTo(404);
    assertThat(Http.json(admin.get("/admin/explain?path=/v1/s0/r0/items").body())
        .get("result").asText()).isEqualTo("notFound");
  }
}
