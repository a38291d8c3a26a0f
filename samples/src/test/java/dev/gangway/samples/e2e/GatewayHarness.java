package dev.gangway.samples.e2e;

import dev.gangway.gateway.GatewayServer;
import dev.gangway.gateway.config.CliOverrides;
import dev.gangway.gateway.config.ConfigLoader;
import dev.gangway.samples.RunningSamples;
import dev.gangway.samples.SampleBackend;
import dev.gangway.samples.SampleServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The real thing on loopback: every sample gRPC server on an ephemeral port and the gateway in
 * front of them, configured by {@code e2e/gangway.yaml} with descriptor sets in a temporary
 * directory the test may change. Closes everything in reverse order.
 *
 * <p>Not thread-safe to start or close; the running servers are.
 */
final class GatewayHarness implements AutoCloseable {
  static final Path SAMPLE_DESCRIPTORS = Path.of("target/descriptors/samples.binpb");

  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private final Path dir;
  private final Path descriptors;
  private final Map<String, String> env = new HashMap<>();
  private RunningSamples samples;
  private GatewayServer gateway;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private GatewayHarness(Path dir) {
    this.dir = dir;
    this.descriptors = dir.resolve("descriptors");
  }

  /** Starts the samples and the gateway with the e2e config; {@code extraEnv} overrides targets. */
  static GatewayHarness start(Path tempDir, Map<String, String> extraEnv) throws Exception {
    GatewayHarness h = new GatewayHarness(tempDir);
    try {
      h.startAll(extraEnv);
      return h;
    } catch (Exception | Error e) {
      h.close();
      throw e;
    }
  }

  static GatewayHarness start(Path tempDir) throws Exception {
    return start(tempDir, Map.of());
  }

  private void startAll(Map<String, String> extraEnv) throws Exception {
    Files.createDirectories(descriptors);
    Files.copy(SAMPLE_DESCRIPTORS, descriptors.resolve("samples.binpb"),
        StandardCopyOption.REPLACE_EXISTING);
    Path config = dir.resolve("gangway.yaml");
    try (var in = GatewayHarness.class.getResourceAsStream("/e2e/gangway.yaml")) {
      Files.copy(in, config, StandardCopyOption.REPLACE_EXISTING);
    }
    samples = SampleServers.builder().instanceName("e2e").build().start();
    closeables.push(samples);
    env.put("DESCRIPTORS", descriptors.toString());
    for (SampleBackend b : samples.backends()) {
      env.put(b.label().toUpperCase(java.util.Locale.ROOT), samples.target(b));
    }
    env.putAll(extraEnv);
    gateway = GatewayServer.start(new ConfigLoader(Optional.of(config), CliOverrides.NONE, env::get));
    closeables.push(gateway);
  }

  RunningSamples samples() {
    return samples;
  }

  GatewayServer gateway() {
    return gateway;
  }

  Path descriptorDir() {
    return descriptors;
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + gateway.httpPort() + pathAndQuery);
  }

  URI adminUri(String pathAndQuery) {
    int port = gateway.adminPort().orElseThrow(() -> new IllegalStateException("no admin port"));
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  HttpResponse<String> get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
  }

  HttpResponse<String> send(String method, String pathAndQuery, String json) {
    HttpRequest.BodyPublisher body = json == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).method(method, body);
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return send(b.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Registers something to close before what is already running (e.g. an extra server). */
  void closeLater(AutoCloseable closeable) {
    closeables.push(closeable);
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    while (!closeables.isEmpty()) {
      try {
        closeables.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
