package dev.gangway.gateway.admin;

import dev.gangway.gateway.config.AdminConfig;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The admin listener: its own small Undertow on {@code admin.bind:admin.port}, apart from the
 * public one, so admin traffic never competes with API traffic and can stay on a private address.
 *
 * <p>Thread-safe.
 */
public final class AdminServer implements AutoCloseable {
  private final Undertow undertow;
  private final int port;

  private AdminServer(Undertow undertow) {
    this.undertow = undertow;
    this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  /**
   * Starts listening, or returns empty when {@code config} disables the admin listener.
   *
   * @throws IOException when the address cannot be bound (the message names it)
   */
  public static Optional<AdminServer> start(AdminConfig config, HttpHandler handler)
      throws IOException {
    if (!config.enabled()) {
      return Optional.empty();
    }
    Undertow undertow = Undertow.builder()
        .addHttpListener(config.port(), config.bind())
        .setIoThreads(1)
        .setWorkerThreads(2)
        .setHandler(handler)
        .build();
    try {
      undertow.start();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IOException("cannot listen on http://" + config.bind() + ":" + config.port()
          + " (admin): " + cause.getMessage(), e);
    }
    return Optional.of(new AdminServer(undertow));
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    undertow.stop();
  }
}
