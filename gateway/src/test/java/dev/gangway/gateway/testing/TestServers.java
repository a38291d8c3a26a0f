package dev.gangway.gateway.testing;

import dev.gangway.gateway.GatewayServer;
import dev.gangway.gateway.config.GatewayConfig;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Owns the servers a test starts (backends, gateways) and closes them in reverse order of start
 * when the test (instance field) or the class (static field) is done. Fails the test when a backend
 * did not terminate.
 *
 * <pre>{@code
 * @RegisterExtension final TestServers servers = new TestServers();
 * EchoBackend echo = servers.backend("echo");
 * GatewayServer gateway = servers.gateway(TestConfigs.config(...));
 * }</pre>
 *
 * <p>Not thread-safe: use from the test thread.
 */
public final class TestServers implements AfterEachCallback, AfterAllCallback {
  private final Deque<AutoCloseable> owned = new ArrayDeque<>();

  /** Starts an echo backend on 127.0.0.1 with an ephemeral port. */
  public EchoBackend backend(String name) throws Exception {
    return own(EchoBackend.start(name));
  }

  /** Starts an echo backend that speaks TLS with these credentials. */
  public EchoBackend backend(String name, io.grpc.ServerCredentials credentials) throws Exception {
    return own(EchoBackend.start(name, credentials));
  }

  /** Starts a gateway with this configuration (served from a lambda config source). */
  public GatewayServer gateway(GatewayConfig config) throws Exception {
    return own(GatewayServer.start(TestConfigs.source(config)));
  }

  /** Takes ownership of anything closeable. */
  public <T extends AutoCloseable> T own(T closeable) {
    owned.push(closeable);
    return closeable;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    closeAll();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    closeAll();
  }

  private void closeAll() throws Exception {
    Exception first = null;
    while (!owned.isEmpty()) {
      AutoCloseable next = owned.pop();
      try {
        next.close();
        if (next instanceof EchoBackend backend && !backend.terminated()) {
          throw new IllegalStateException("backend " + backend.name() + " did not terminate");
        }
      } catch (Exception e) {
        first = Optional.ofNullable(first).orElse(e);
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
