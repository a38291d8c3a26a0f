package dev.gangway.gateway.http;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.ConnectorStatistics;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.DelegateOpenListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.AlpnOpenListener;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.server.protocol.http2.Http2OpenListener;
import io.undertow.server.protocol.http2.Http2UpgradeHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * The gateway's HTTP listener: Undertow's HTTP/1.1 (and h2c) or HTTPS-with-ALPN listener as
 * {@link Undertow#start()} builds it, with every HTTP/1 connection passed through an
 * {@link Http1Guard} before Undertow reads it. Undertow's builder has no hook between accepting a
 * connection and parsing it, so the listener is assembled here from Undertow's own public parts
 * (open listeners, XNIO worker, buffer pool) with Undertow's defaults.
 *
 * <p>Thread-safe; {@link #close} stops it.
 */
public final class HttpListener implements AutoCloseable {
  /** Undertow's defaults ({@code Undertow.Builder}): 16 KiB direct buffers, backlog 1000. */
  private static final int BUFFER_SIZE = 16 << 10;

  private final XnioWorker worker;
  private final AcceptingChannel<? extends StreamConnection> channel;
  private final ByteBufferPool buffers;
  private final InetSocketAddress address;

  private HttpListener(XnioWorker worker, AcceptingChannel<? extends StreamConnection> channel,
      ByteBufferPool buffers) {
    this.worker = worker;
    this.channel = channel;
    this.buffers = buffers;
    this.address = channel.getLocalAddress(InetSocketAddress.class);
  }

  /** What the listener is built from. */
  public record Settings(
      String bind,
      int port,
      int ioThreads,
      int workerThreads,
      Optional<SSLContext> tls,
      boolean h2c,
      int maxHeadBytes,
      OptionMap serverOptions,
      OptionMap socketOptions) {
    public Settings {
      Objects.requireNonNull(bind, "bind");
      Objects.requireNonNull(tls, "tls");
      Objects.requireNonNull(serverOptions, "serverOptions");
      Objects.requireNonNull(socketOptions, "socketOptions");
    }
  }

  /**
   * Starts listening.
   *
   * @throws IOException when the address cannot be bound
   */
  public static HttpListener start(Settings settings, HttpHandler root) throws IOException {
    Xnio xnio = Xnio.getInstance(Undertow.class.getClassLoader());
    XnioWorker worker = xnio.createWorker(OptionMap.builder()
        .set(Options.WORKER_IO_THREADS, settings.ioThreads())
        .set(Options.CONNECTION_HIGH_WATER, 1_000_000)
        .set(Options.CONNECTION_LOW_WATER, 1_000_000)
        .set(Options.WORKER_TASK_CORE_THREADS, settings.workerThreads())
        .set(Options.WORKER_TASK_MAX_THREADS, settings.workerThreads())
        .set(Options.TCP_NODELAY, true)
        .set(Options.CORK, true)
        .getMap());
    ByteBufferPool buffers = new DefaultByteBufferPool(true, BUFFER_SIZE, -1, 4);
    try {
      OptionMap socketOptions = OptionMap.builder()
          .set(Options.WORKER_IO_THREADS, worker.getIoThreadCount())
          .set(Options.TCP_NODELAY, true)
          .set(Options.REUSE_ADDRESSES, true)
          .set(Options.BALANCING_TOKENS, 1)
          .set(Options.BALANCING_CONNECTIONS, 2)
          .set(Options.BACKLOG, 1000)
          .addAll(settings.socketOptions())
          .getMap();
      OptionMap undertowOptions = OptionMap.builder()
          .set(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
          .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
          .addAll(settings.serverOptions())
          .getMap();
      String token = HexFormat.of().formatHex(randomToken());
      HttpOpenListener http = new HttpOpenListener(buffers, undertowOptions);
      GuardedOpenListener guarded =
          new GuardedOpenListener(http, settings.maxHeadBytes(), settings.h2c(), token);
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getByName(settings.bind()), settings.port());
      AcceptingChannel<? extends StreamConnection> channel;
      if (settings.tls().isPresent()) {
        http.setRootHandler(root);
        // HTTP/2 by ALPN ("h2"), HTTP/1.1 otherwise, as Undertow's HTTPS listener.
        AlpnOpenListener alpn = new AlpnOpenListener(buffers, undertowOptions, guarded);
        Http2OpenListener http2 = new Http2OpenListener(buffers, undertowOptions);
        http2.setRootHandler(root);
        alpn.addProtocol(Http2OpenListener.HTTP2, http2, 10);
        UndertowXnioSsl ssl = new UndertowXnioSsl(xnio,
            OptionMap.create(Options.USE_DIRECT_BUFFERS, true), settings.tls().get());
        channel = ssl.createSslConnectionServer(worker, address,
            ChannelListeners.openListenerAdapter(alpn), socketOptions);
      } else {
        // h2c: the HTTP/1.1 Upgrade by this handler, prior knowledge by Undertow's read listener.
        http.setRootHandler(settings.h2c() ? new Http2UpgradeHandler(root) : root);
        channel = worker.createStreamConnectionServer(address,
            ChannelListeners.openListenerAdapter(guarded), socketOptions);
      }
      channel.resumeAccepts();
      return new HttpListener(worker, channel, buffers);
    } catch (IOException | RuntimeException e) {
      worker.shutdownNow();
      buffers.close();
      throw e;
    }
  }

  private static byte[] randomToken() {
    byte[] token = new byte[16];
    new SecureRandom().nextBytes(token);
    return token;
  }

  /** The bound address (the real port when the settings said 0). */
  public InetSocketAddress address() {
    return address;
  }

  /** Stops accepting, closes the connections and the worker (as {@code Undertow.stop()}). */
  @Override
  public void close() {
    IoUtils.safeClose(channel);
    worker.shutdown();
    try {
      worker.awaitTermination();
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
    buffers.close();
  }

  /** Undertow's HTTP/1 open listener, each connection guarded before it. */
  private static final class GuardedOpenListener implements DelegateOpenListener {
    private final HttpOpenListener http;
    private final int maxHeadBytes;
    private final boolean h2c;
    private final String token;

    GuardedOpenListener(HttpOpenListener http, int maxHeadBytes, boolean h2c, String token) {
      this.http = http;
      this.maxHeadBytes = maxHeadBytes;
      this.h2c = h2c;
      this.token = token;
    }

    @Override
    public void handleEvent(StreamConnection connection) {
      Http1Guard.install(connection, null, maxHeadBytes, h2c, token);
      http.handleEvent(connection);
    }

    @Override
    public void handleEvent(StreamConnection connection, PooledByteBuffer preread) {
      Http1Guard.install(connection, preread == null ? null : preread.getBuffer(), maxHeadBytes,
          h2c, token);
      http.handleEvent(connection, preread);
    }

    @Override
    public HttpHandler getRootHandler() {
      return http.getRootHandler();
    }

    @Override
    public void setRootHandler(HttpHandler rootHandler) {
      http.setRootHandler(rootHandler);
    }

    @Override
    public OptionMap getUndertowOptions() {
      return http.getUndertowOptions();
    }

    @Override
    public void setUndertowOptions(OptionMap undertowOptions) {
      http.setUndertowOptions(undertowOptions);
    }

    @Override
    public ByteBufferPool getBufferPool() {
      return http.getBufferPool();
    }

    @Override
    public ConnectorStatistics getConnectorStatistics() {
      return http.getConnectorStatistics();
    }

    @Override
    public void closeConnections() {
      http.closeConnections();
    }
  }
}
