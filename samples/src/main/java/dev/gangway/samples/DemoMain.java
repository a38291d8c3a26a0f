package dev.gangway.samples;

import dev.gangway.gateway.GatewayServer;
import dev.gangway.gateway.config.CliOverrides;
import dev.gangway.gateway.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The demo: every sample gRPC service on its demo port and the gateway on localhost:8080, in one
 * process, until Ctrl-C.
 *
 * <pre>
 * java -jar samples/target/gangway-demo.jar [path/to/gangway.yaml]
 * </pre>
 *
 * <p>The config defaults to {@code samples/demo/gangway.yaml} (run from the repository root).
 */
public final class DemoMain {
  private static final Path DEFAULT_CONFIG = Path.of("samples", "demo", "gangway.yaml");

  private DemoMain() {}

  public static void main(String[] args) throws Exception {
    dev.gangway.gateway.cli.Main.routeJavaUtilLoggingToSlf4j();
    Path config = args.length > 0 ? Path.of(args[0]) : DEFAULT_CONFIG;
    if (!Files.isRegularFile(config)) {
      System.err.println("demo: no config at " + config.toAbsolutePath()
          + "; run from the repository root or pass the path of samples/demo/gangway.yaml");
      System.exit(2);
    }
    RunningSamples samples = SampleServers.builder().demoPorts().build().start();
    SamplesMain.print(samples, System.out);
    GatewayServer gateway;
    try {
      gateway = GatewayServer.start(
          new ConfigLoader(Optional.of(config), CliOverrides.NONE, System::getenv));
    } catch (Exception e) {
      samples.close();
      System.err.println("demo: the gateway did not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.close();
      samples.close();
      stopped.countDown();
    }, "demo-shutdown"));
    String base = "http://127.0.0.1:" + gateway.httpPort();
    System.out.println();
    System.out.println("Gangway demo ready. Try:");
    System.out.println("  curl " + base + "/v1/shelves");
    System.out.println("  curl " + base + "/v1/shelves/fiction/books?filter=read%3Dtrue");
    System.out.println("  curl " + base + "/v1/products/p-100");
    System.out.println("  curl '" + base + "/v1/product-pages/p-100?currency=EUR'");
    System.out.println(
        "  curl -s -N '" + base + "/v1/tickers/ACME:watch?interval_ms=500&count=5'");
    System.out.println("  open " + base + "/demo/chat.html (chat over WebSocket, in two tabs)");
    gateway.adminPort().ifPresent(p ->
        System.out.println("  curl http://127.0.0.1:" + p + "/admin/routes"));
    System.out.println("Ctrl-C stops it.");
    stopped.await();
  }
}
