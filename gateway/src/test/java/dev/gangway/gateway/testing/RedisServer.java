package dev.gangway.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} (Debian's package; .ci/run installs it) on a free loopback port,
 * with no persistence, stopped by {@link #close}. Without the binary the test is skipped, or
 * fails under {@code -Dgangway.redis.required=true} (CI).
 *
 * <p>Not thread-safe; one per test.
 */
public final class RedisServer implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/redis-server");
  static final String REQUIRED = "gangway.redis.required";

  private final Process process;
  private final int port;

  private RedisServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static RedisServer start() throws Exception {
    if (!Files.isExecutable(BINARY)) {
      if (Boolean.getBoolean(REQUIRED)) {
        throw new AssertionError(BINARY + " is missing (" + REQUIRED + "=true)");
      }
      Assumptions.abort(BINARY + " is missing; install Debian's redis-server");
    }
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Process process = new ProcessBuilder(List.of(BINARY.toString(), "--port",
        String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
        "--protected-mode", "yes"))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    RedisServer redis = new RedisServer(process, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!redis.ping()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        redis.close();
        throw new IOException("redis-server did not answer on port " + port);
      }
      Thread.sleep(20);
    }
    return redis;
  }

  public int port() {
    return port;
  }

  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Whether the server answers PING. */
  public boolean ping() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[7];
      int n = in.read(reply);
      return n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
