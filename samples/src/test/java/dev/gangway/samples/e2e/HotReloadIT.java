package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.Code;
import dev.gangway.gateway.reload.ReloadStatus;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Descriptor sets change under a running gateway (the e2e config watches its descriptor
 * directory, polling every 200ms): a new file brings new routes, a corrupt file is rejected while
 * the old routes keep serving and {@code /admin/status} shows why, and repeated reloads under
 * concurrent load fail no request. A fresh gateway per test, since each changes the files.
 */
class HotReloadIT {
  private static final int RELOADS = 12;
  private static final int LOAD_THREADS = 4;

  /** Per test: each one changes the descriptor directory. */
  @RegisterExtension final GatewayHarness h = GatewayHarness.extension();

  @Test
  void newDescriptorFileAddsItsRoutes() throws Exception {
    Json.error(h.get("/v1/hot/ping"), 404, Code.NOT_FOUND);
    long before = generation();

    HotDescriptors.writeAtomically(h.descriptorDir().resolve("hot.binpb"),
        HotDescriptors.withGetRoute("/v1/hot/ping"));

    HttpResponse<String> routed = Poll.until("the new route to exist",
        () -> h.get("/v1/hot/ping"), r -> r.statusCode() != 404);
    // No backend serves the new service, so the route exists but cannot be called.
    JsonNode body = Json.error(routed, 503, Code.UNAVAILABLE);
    assertThat(body.path("message").asText())
        .isEqualTo("no backend serves " + HotDescriptors.SERVICE + " (calling "
            + HotDescriptors.METHOD + ")");
    assertThat(generation()).isGreaterThan(before);
    h.getOk("/v1/shelves");

    JsonNode routes = Json.ok(h.admin("/admin/routes"));
    JsonNode hot = find(routes.path("routes"), "template", "/v1/hot/ping");
    assertThat(hot.path("grpcMethod").asText()).isEqualTo(HotDescriptors.METHOD);
    assertThat(hot.path("backend").isNull()).isTrue();
    JsonNode status = Json.ok(h.admin("/admin/status"));
    assertThat(status.path("descriptorSources")).hasSize(2);
    assertThat(status.path("reloads").path("count").asLong()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void corruptFileIsRejectedAndOldRoutesKeepServing() throws Exception {
    long before = generation();
    Path bad = h.descriptorDir().resolve("bad.binpb");

    HotDescriptors.writeAtomically(bad,
        "this is not a descriptor set".getBytes(StandardCharsets.US_ASCII));

    JsonNode status = Poll.until("the reload to be rejected",
        () -> Json.ok(h.admin("/admin/status")),
        s -> s.path("reloads").path("lastAttemptFailed").asBoolean());
    assertThat(status.path("generation").asLong()).isEqualTo(before);
    assertThat(status.path("reloads").path("failures").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(status.path("reloads").path("lastFailure").path("message").asText())
        .contains("bad.binpb");
    assertThat(Json.texts(h.getOk("/v1/shelves").path("shelves"), "name"))
        .contains("shelves/fiction");

    Files.delete(bad);

    JsonNode fixed = Poll.until("a reload once the file is gone",
        () -> Json.ok(h.admin("/admin/status")),
        s -> !s.path("reloads").path("lastAttemptFailed").asBoolean());
    assertThat(fixed.path("generation").asLong()).isGreaterThan(before);
    h.getOk("/v1/shelves");
  }

  @Test
  void repeatedReloadsUnderLoadFailNoRequest() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger served = new AtomicInteger();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    List<Thread> load = new ArrayList<>();
    for (int t = 0; t < LOAD_THREADS; t++) {
      Thread thread = new Thread(() -> {
        while (running.get()) {
          try {
            HttpResponse<String> r = h.get("/v1/shelves");
            if (r.statusCode() == 200 && r.body().contains("shelves/science")) {
              served.incrementAndGet();
            } else {
              failures.add(r.statusCode() + " " + r.body());
            }
          } catch (RuntimeException e) {
            failures.add(e.toString());
          }
        }
      }, "e2e-load-" + t);
      thread.start();
      load.add(thread);
    }
    long first = generation();
    Path hot = h.descriptorDir().resolve("hot.binpb");
    try {
      for (int i = 1; i <= RELOADS; i++) {
        HotDescriptors.writeAtomically(hot, HotDescriptors.withGetRoute("/v1/hot/ping-" + i));
        long expected = first + i;
        Poll.until("reload " + i, this::generation, g -> g >= expected);
      }
    } finally {
      running.set(false);
      for (Thread thread : load) {
        thread.join(GatewayHarness.REQUEST_TIMEOUT.toMillis());
      }
    }

    assertThat(failures).as("requests that failed during reloads").isEmpty();
    assertThat(served.get()).as("requests served during reloads")
        .isGreaterThanOrEqualTo(RELOADS * LOAD_THREADS);
    ReloadStatus.View reloads = h.gateway().reloads().view();
    assertThat(reloads.reloads()).isGreaterThanOrEqualTo(RELOADS);
    assertThat(reloads.failures()).isZero();
    // The last file is what serves: its route exists, the first one's is gone.
    Json.error(h.get("/v1/hot/ping-" + RELOADS), 503, Code.UNAVAILABLE);
    Json.error(h.get("/v1/hot/ping-1"), 404, Code.NOT_FOUND);
  }

  private long generation() {
    return h.gateway().snapshots().current().generation();
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode element : array) {
      if (element.path(field).asText().equals(value)) {
        return element;
      }
    }
    throw new AssertionError("no element with " + field + " = " + value + " in " + array);
  }
}
