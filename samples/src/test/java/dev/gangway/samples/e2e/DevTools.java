package dev.gangway.samples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal Chrome DevTools Protocol client over {@link java.net.http.WebSocket}: sends commands
 * (to the browser, or to a page session attached with {@code flatten: true}) and waits for their
 * answers. Events are ignored; tests poll the page instead.
 *
 * <p>Thread-safe: commands may be sent from any thread; answers are matched by id.
 */
final class DevTools implements AutoCloseable {
  /** How long one command may take before the test fails instead of hanging. */
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final WebSocket socket;

  private DevTools(URI browser) throws IOException, InterruptedException {
    try {
      socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .buildAsync(browser, new Listener())
          .get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot open DevTools at " + browser + ": " + e, e);
    }
  }

  /** Connects to the browser endpoint, {@code ws://127.0.0.1:PORT/devtools/browser/ID}. */
  static DevTools connect(URI browser) throws IOException, InterruptedException {
    return new DevTools(browser);
  }

  /**
   * Sends a command and waits for its result.
   *
   * @param sessionId the page session, or null for the browser itself
   * @throws IllegalStateException when the browser answers with an error or not in time
   */
  JsonNode send(String sessionId, String method, ObjectNode params) {
    long id = ids.incrementAndGet();
    ObjectNode command = Json.MAPPER.createObjectNode().put("id", id).put("method", method);
    command.set("params", params);
    if (sessionId != null) {
      command.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      synchronized (socket) {
        // One text frame at a time: java.net.http.WebSocket refuses overlapping sends.
        socket.sendText(command.toString(), true)
            .get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
      JsonNode response = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (response.has("error")) {
        throw new IllegalStateException(method + ": " + response.get("error"));
      }
      return response.path("result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + ": interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(method + ": no answer from the browser: " + e, e);
    } finally {
      pending.remove(id);
    }
  }

  static ObjectNode params() {
    return Json.MAPPER.createObjectNode();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS)
          .exceptionally(e -> null);
    }
    socket.abort();
  }

  /** Collects text frames into messages and completes the command each one answers. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder message = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      message.append(data);
      if (last) {
        dispatch(message.toString());
        message.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    private void dispatch(String text) {
      JsonNode node;
      try {
        node = Json.MAPPER.readTree(text);
      } catch (IOException e) {
        return;
      }
      if (node.has("id")) {
        CompletableFuture<JsonNode> answer = pending.get(node.get("id").asLong());
        if (answer != null) {
          answer.complete(node);
        }
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      failAll(new IOException("DevTools closed: " + statusCode + " " + reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      failAll(error);
    }

    private void failAll(Throwable error) {
      pending.values().forEach(answer -> answer.completeExceptionally(error));
    }
  }
}
