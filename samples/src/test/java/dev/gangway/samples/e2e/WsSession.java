package dev.gangway.samples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket to the gateway on {@link java.net.http.WebSocket}, as a browser would open it:
 * everything that arrives (whole text messages, then the close frame) is queued to take in order
 * with a timeout.
 *
 * <p>Thread-safe for one test thread sending and taking; the JDK delivers frames on its threads.
 */
final class WsSession implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);

  /** What arrived: a text message, or the close frame (code and reason), or a failure. */
  record Frame(String text, int closeCode, String reason, String failure) {
    boolean isClose() {
      return closeCode != 0;
    }

    JsonNode json() {
      if (text == null) {
        throw new AssertionError("expected a text frame, got " + this);
      }
      return Json.parse(text);
    }
  }

  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final WebSocket socket;

  private WsSession(URI uri) throws Exception {
    socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .buildAsync(uri, new Listener())
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Opens {@code ws://127.0.0.1:PORT/pathAndQuery} on the harness's gateway. */
  static WsSession open(GatewayHarness h, String pathAndQuery) throws Exception {
    return new WsSession(URI.create(h.uri(pathAndQuery).toString().replaceFirst("^http", "ws")));
  }

  /** Why the handshake was refused (the HTTP status of the answer is in the JDK's message). */
  static Throwable refused(GatewayHarness h, String pathAndQuery) throws Exception {
    try {
      open(h, pathAndQuery).close();
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the WebSocket handshake to " + pathAndQuery + " succeeded");
  }

  /** Sends one whole text frame and waits until it is on its way. */
  WsSession send(String text) throws Exception {
    socket.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return this;
  }

  WsSession sendBinary(byte[] data) throws Exception {
    socket.sendBinary(ByteBuffer.wrap(data), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return this;
  }

  /** Sends a close frame; frames the gateway sends until its own close frame still arrive. */
  WsSession sendClose(int code, String reason) throws Exception {
    socket.sendClose(code, reason).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return this;
  }

  /** The next frame; fails after {@link #WAIT}. */
  Frame next() throws InterruptedException {
    Frame frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (frame == null) {
      throw new AssertionError("no WebSocket frame within " + WAIT);
    }
    if (frame.failure() != null) {
      throw new AssertionError("the WebSocket failed: " + frame.failure());
    }
    return frame;
  }

  /** The next frame as JSON; fails when it is not a text frame. */
  JsonNode nextJson() throws InterruptedException {
    return next().json();
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(new Frame(partial.toString(), 0, null, null));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      frames.add(new Frame(null, statusCode, reason, null));
      // Completing answers the gateway's close frame with ours.
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      frames.add(new Frame(null, 0, null, String.valueOf(error)));
    }
  }
}
