package dev.gangway.gateway.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket test client on the JDK's {@link WebSocket}: what arrives (whole text messages, the
 * close frame, an error) is queued as {@link Event}s to take in order with a timeout. Reading is
 * either automatic (one message at a time, as a browser reads) or left to the test
 * ({@link #connectNotReading}), which makes a client that stops reading.
 *
 * <pre>{@code
 * WsClient ws = WsClient.connect(port, "/v1/chat/lobby");
 * ws.send("{\"text\":\"hi\"}");
 * assertThat(ws.next()).isEqualTo(WsClient.Event.text("..."));
 * }</pre>
 *
 * <p>Thread-safe for one test thread sending and taking; the JDK delivers events on its own.
 */
public final class WsClient implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 20;

  /** Something that arrived: a text message, or the close frame, or a failure. */
  public record Event(String kind, String text, int code) {
    public static Event text(String text) {
      return new Event("text", text, 0);
    }

    public static Event close(int code, String reason) {
      return new Event("close", reason, code);
    }

    public boolean isClose() {
      return kind.equals("close");
    }
  }

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final AtomicInteger pings = new AtomicInteger();
  private final boolean reading;
  private final WebSocket socket;

  private WsClient(int port, String path, boolean reading, String... headers) throws Exception {
    this.reading = reading;
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(5));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    this.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), new Listener())
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** Connects and reads every message as it comes; {@code headers} as name, value pairs. */
  public static WsClient connect(int port, String path, String... headers) throws Exception {
    return new WsClient(port, path, true, headers);
  }

  /** Connects and reads nothing until {@link #request} asks for messages. */
  public static WsClient connectNotReading(int port, String path) throws Exception {
    return new WsClient(port, path, false);
  }

  /** The handshake's failure when connecting is refused (e.g. an HTTP error status). */
  public static Throwable refused(int port, String path) throws Exception {
    try {
      new WsClient(port, path, true).close();
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the WebSocket handshake to " + path + " succeeded");
  }

  public WebSocket socket() {
    return socket;
  }

  /** Sends one whole text frame and waits until it is sent. */
  public WsClient send(String text) throws Exception {
    socket.sendText(text, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return this;
  }

  /** Sends one whole binary frame. */
  public WsClient sendBinary(byte[] data) throws Exception {
    socket.sendBinary(ByteBuffer.wrap(data), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return this;
  }

  /** Sends a close frame; the client keeps reading until the gateway's close frame. */
  public WsClient sendClose(int code, String reason) throws Exception {
    socket.sendClose(code, reason).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return this;
  }

  /** Asks for {@code n} more messages (for a client made with {@link #connectNotReading}). */
  public void request(long n) {
    socket.request(n);
  }

  /** The next event; fails after a timeout. */
  public Event next() throws InterruptedException, TimeoutException {
    Event event = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (event == null) {
      throw new TimeoutException("no WebSocket event within " + TIMEOUT_SECONDS + "s");
    }
    return event;
  }

  /** Every event up to and including the close frame. */
  public List<Event> untilClose() throws InterruptedException, TimeoutException {
    List<Event> all = new ArrayList<>();
    Event event;
    do {
      event = next();
      all.add(event);
    } while (!event.isClose() && !event.kind().equals("error"));
    return all;
  }

  /** How many pings the gateway has sent (the JDK answers each with a pong by itself). */
  public int pings() {
    return pings.get();
  }

  /** Drops the TCP connection without a close frame. */
  public void abort() {
    socket.abort();
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public void onOpen(WebSocket webSocket) {
      if (reading) {
        webSocket.request(1);
      }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        events.add(Event.text(partial.toString()));
        partial.setLength(0);
      }
      if (reading) {
        webSocket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
      pings.incrementAndGet();
      webSocket.request(1); // pings are not messages: never hold back reading for them
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      events.add(Event.close(statusCode, reason));
      return CompletableFuture.completedFuture(null); // then the JDK answers the close frame
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      events.add(new Event("error", String.valueOf(error), 0));
    }
  }
}
