package dev.gangway.samples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real thing on loopback: every sample gRPC server on an ephemeral port and the gateway in
 * front of them, configured by {@code e2e/gangway.yaml} with descriptor sets in a temporary
 * directory the test may change. Closes everything in reverse order.
 *
 * <p>The config's targets are variables: {@code BOOKSTORE}, {@code CATALOG}, {@code PRICING},
 * {@code REVIEWS}, {@code DIAGNOSTICS}, {@code LIVE} (each defaults to the started sample
 * server) and {@code DESCRIPTORS} (the watched directory), plus {@code SLEEP_TIMEOUT}
 * (Diagnostics.Sleep's route timeout, default 2s) and {@code DEMO_WEB} (the demo page's directory,
 * served under {@code /demo/}). A test points a backend elsewhere by passing the variable in
 * {@code extraEnv}, e.g. {@code DIAGNOSTICS=static:///127.0.0.1:p1,127.0.0.1:p2}.
 *
 * <p>The one end-to-end harness of the samples, as a JUnit 5 extension: in a static
 * {@code @RegisterExtension} field it starts everything once before the class's tests and closes it
 * after them; in an instance field, once per test. A {@link Setup} chooses options (composites,
 * delays, config variables) and may start extra servers before the gateway starts:
 *
 * <pre>{@code
 * @RegisterExtension static final GatewayHarness h = GatewayHarness.extension();
 * @RegisterExtension static final GatewayHarness h =
 *     GatewayHarness.extension(options -> options.withComposites());
 * }</pre>
 *
 * <p>Not thread-safe to start or close; the running servers and the request helpers are.
 */
final class GatewayHarness
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback,
        AutoCloseable {
  static final Path SAMPLE_DESCRIPTORS = Path.of("target/descriptors/samples.binpb");
  /** The demo page's directory, served under {@code /demo/}. */
  static final Path DEMO_WEB = Path.of("demo/web");
  /** The sample servers' instance name (Diagnostics answers with it). */
  static final String INSTANCE = "e2e";
  /** How long a single HTTP exchange may take before the test fails instead of hanging. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private final Setup setup;
  private final Map<String, String> env = new HashMap<>();
  private Path dir;
  private Path descriptors;
  private boolean perTest;
  private RunningSamples samples;
  private GatewayServer gateway;
  final HttpClient http = client();

  private GatewayHarness(Setup setup) {
    this.setup = setup;
  }

  /** Chooses a harness's options before it starts; may start servers the config points at. */
  @FunctionalInterface
  interface Setup {
    void configure(Builder options) throws Exception;
  }

  /** The samples and the gateway with the e2e config as it is. */
  static GatewayHarness extension() {
    return extension(options -> {});
  }

  /** The samples and the gateway with the options {@code setup} chooses. */
  static GatewayHarness extension(Setup setup) {
    return new GatewayHarness(setup);
  }

  /**
   * Starts a harness now, for a test that needs one of its own beside its class's (another
   * config); the caller closes it.
   */
  static GatewayHarness startOwn(Setup setup) throws Exception {
    GatewayHarness own = new GatewayHarness(setup);
    own.start();
    return own;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    if (gateway == null) {
      perTest = true; // registered in an instance field: JUnit runs no beforeAll for it
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    if (perTest) {
      close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    close();
  }

  private void start() throws Exception {
    dir = Files.createTempDirectory("gangway-e2e");
    descriptors = dir.resolve("descriptors");
    Path created = dir;
    closeables.push(() -> deleteTree(created));
    try {
      Builder options = new Builder();
      setup.configure(options);
      startAll(options);
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * An HTTP/1.1 client: the default (HTTP/2) would send an h2c upgrade on the first request,
   * which is not what the gateway's clients send.
   */
  static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private void startAll(Builder options) throws Exception {
    if (!Files.isRegularFile(SAMPLE_DESCRIPTORS)) {
      throw new IllegalStateException(SAMPLE_DESCRIPTORS.toAbsolutePath()
          + " is missing; build the samples module first (mvn -pl samples package)");
    }
    Files.createDirectories(descriptors);
    Files.copy(SAMPLE_DESCRIPTORS, descriptors.resolve("samples.binpb"),
        StandardCopyOption.REPLACE_EXISTING);
    Path config = dir.resolve("gangway.yaml");
    try (var in = GatewayHarness.class.getResourceAsStream("/e2e/gangway.yaml")) {
      Files.copy(in, config, StandardCopyOption.REPLACE_EXISTING);
    }
    if (options.composites) {
      Files.writeString(config, CompositesConfig.yaml(), StandardOpenOption.APPEND);
    }
    if (!options.extraYaml.isEmpty()) {
      Files.writeString(config, "\n" + options.extraYaml + "\n", StandardOpenOption.APPEND);
    }
    SampleServers.Builder servers = SampleServers.builder().instanceName(INSTANCE);
    options.delays.forEach(servers::delay);
    samples = servers.start();
    closeables.push(samples);
    env.put("DESCRIPTORS", descriptors.toString());
    env.put("DEMO_WEB", DEMO_WEB.toAbsolutePath().toString());
    for (SampleBackend b : samples.backends()) {
      env.put(b.label().toUpperCase(Locale.ROOT), samples.target(b));
    }
    env.putAll(options.env);
    gateway = GatewayServer.start(
        new ConfigLoader(Optional.of(config), CliOverrides.NONE, env::get));
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

  /** A request builder for the public port with the harness's per-request timeout. */
  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(REQUEST_TIMEOUT);
  }

  HttpResponse<String> get(String pathAndQuery) {
    return send(request(pathAndQuery).GET().build());
  }

  /** GET on the admin port. */
  HttpResponse<String> admin(String pathAndQuery) {
    return send(HttpRequest.newBuilder(adminUri(pathAndQuery)).timeout(REQUEST_TIMEOUT)
        .GET().build());
  }

  /** A request with an optional JSON body ({@code Content-Type: application/json}). */
  HttpResponse<String> send(String method, String pathAndQuery, String json) {
    HttpRequest.BodyPublisher body = json == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json);
    HttpRequest.Builder b = request(pathAndQuery).method(method, body);
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return send(b.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    return send(http, request);
  }

  static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET, asserting 200 and a JSON body; returns the parsed body. */
  JsonNode getOk(String pathAndQuery) {
    return Json.ok(get(pathAndQuery));
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
    gateway = null;
    samples = null;
    env.clear();
    if (first != null) {
      throw first;
    }
  }

  /** Options of one harness, chosen by its {@link Setup}. Not thread-safe. */
  static final class Builder {
    private final Map<String, String> env = new HashMap<>();
    private final Map<SampleBackend, Duration> delays = new EnumMap<>(SampleBackend.class);
    private boolean composites;
    private String extraYaml = "";

    private Builder() {}

    /** Config variables over the defaults (targets, {@code SLEEP_TIMEOUT}). Default: none. */
    Builder env(Map<String, String> extraEnv) {
      env.putAll(extraEnv);
      return this;
    }

    /** How long every unary call of one sample backend waits. Default: no delay. */
    Builder delay(SampleBackend backend, Duration delay) {
      delays.put(backend, delay);
      return this;
    }

    /** Adds the composite routes of {@link CompositesConfig}. Default: none. */
    Builder withComposites() {
      composites = true;
      return this;
    }

    /** Top-level sections appended to the e2e config (auth, access, ...). Default: none. */
    Builder appendYaml(String yaml) {
      extraYaml = yaml;
      return this;
    }
  }
}
