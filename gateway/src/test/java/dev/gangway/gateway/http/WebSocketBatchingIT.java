package dev.gangway.gateway.http;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.GatewayServer;
import dev.gangway.gateway.config.AdminConfig;
import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.CountStreams;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.PrometheusText;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import dev.gangway.gateway.testing.WsClient;
import dev.gangway.gateway.testing.WsClient.Event;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A WebSocket's response messages are written in batches (several text frames in one write,
 * {@link WebSocketFrameWriter}), yet each message is its own complete text frame, in order; a
 * client that stops reading pauses the backend with what the gateway holds bounded by the
 * stream's window ({@code gangway_streams_pending_bytes}); a client that disappears while a batch
 * is being written cancels the backend call and lets go of the batch.
 */
class WebSocketBatchingIT {
  @RegisterExtension final TestServers servers = new TestServers();

  private EchoBackend echo;
  private int port;
  private Http admin;

  private void gateway() throws Exception {
    echo = servers.backend("echo");
    GatewayServer gateway = servers.gateway(TestConfigs.config(TestConfigs.server(),
            List.of(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)), List.of(),
            HeadersConfig.DEFAULT)
        .toBuilder().admin(new AdminConfig("127.0.0.1", 0)).build());
    port = gateway.httpPort();
    admin = new Http(gateway.adminPort().orElseThrow());
  }

  private CountStreams counts() {
    return echo.service().counts;
  }

  private double pendingBytes() {
    return PrometheusText.parse(admin.get("/metrics").body())
        .value("gangway_streams_pending_bytes");
  }

  @Test
  void everyMessageIsItsOwnTextFrameInOrder() throws Exception {
    gateway();
    // Payloads with 7-bit, 16-bit and 64-bit frame lengths (RFC 6455 section 5.2); the short ones
    // come 256 to a batch.
    int[][] streams = {{3000, 0}, {600, 200}, {20, 70_000}};
    for (int[] stream : streams) {
      int total = stream[0];
      int pad = stream[1];
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(20_000);
        socket.getOutputStream().write(("GET /v1/count/" + total + "?pad=" + pad
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        assertThat(head(in)).startsWith("HTTP/1.1 101 ");

        String padding = ".".repeat(pad);
        for (int i = 0; i < total; i++) {
          Frame frame = Frame.read(in);
          assertThat(frame.fin()).as("frame %d of %d (pad %d) is whole", i, total, pad).isTrue();
          assertThat(frame.opcode()).as("frame %d opcode", i).isEqualTo(1);
          JsonNode message = Http.json(frame.text());
          assertThat(message.get("text").asText()).as("frame %d", i).isEqualTo(i + padding);
        }
        Frame close = Frame.read(in);
        assertThat(close.opcode()).isEqualTo(8);
        assertThat(close.closeCode()).isEqualTo(1000);
      }
    }
  }

  @Test
  void clientThatStopsReadingPausesTheBackendWithinTheWindow() throws Exception {
    gateway();
    int total = 2000;
    int pad = 16 << 10; // 16 KiB messages: the window is 16 of them
    Http http = new Http(port);

    try (WsClient ws = WsClient.connectNotReading(port,
        "/v1/count/" + total + "?tag=ws-slow&pad=" + pad)) {
      Await.until("the backend stream stalls", () -> {
        int before = counts().sent("ws-slow");
        assertThat(http.get("/v1/echo/ping").statusCode()).isEqualTo(200);
        return counts().blocked("ws-slow") && counts().sent("ws-slow") == before;
      }, () -> counts().sent("ws-slow") + " sent");

      // The gateway holds what it could not write yet, and no more than a window of it: the
      // rest of the stream waits in the backend, not in the gateway.
      double held = pendingBytes();
      long frame = pad + 64; // the JSON around the padding and the frame header
      assertThat(held).isGreaterThan(0).isLessThanOrEqualTo(StreamWindow.MIN_MESSAGES * frame);
      assertThat(counts().sent("ws-slow")).isLessThan(total / 2);

      ws.request(Long.MAX_VALUE);
      String padding = ".".repeat(pad);
      for (int i = 0; i < total; i++) {
        Event event = ws.next();
        assertThat(event.kind()).as("event %d", i).isEqualTo("text");
        assertThat(Http.json(event.text()).get("text").asText()).as("message %d", i)
            .isEqualTo(i + padding);
      }
      assertThat(ws.next()).isEqualTo(Event.close(1000, "OK"));
      assertThat(counts().sent("ws-slow")).isEqualTo(total);
    }
    Await.until("the gateway holds nothing", () -> pendingBytes() == 0, this::pendingBytes);
  }

  @Test
  void clientThatDisappearsMidBatchCancelsTheBackendCall() throws Exception {
    gateway();
    Http http = new Http(port);
    WsClient ws = WsClient.connectNotReading(port, "/v1/count/2000?tag=ws-gone&pad=16384");
    // A batch is stuck half written: the client reads nothing and its socket buffers are full.
    Await.until("a batch is held", () -> {
      int before = counts().sent("ws-gone");
      assertThat(http.get("/v1/echo/ping").statusCode()).isEqualTo(200);
      return counts().blocked("ws-gone") && counts().sent("ws-gone") == before
          && pendingBytes() > 0;
    }, () -> counts().sent("ws-gone") + " sent");

    ws.abort(); // the TCP connection drops: no close frame

    assertThat(counts().cancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("ws-gone");
    Await.until("the gateway lets go of the batch", () -> pendingBytes() == 0,
        this::pendingBytes);
  }

  /** The response head, up to the empty line. */
  private static String head(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the connection closed in the response head: " + head);
      }
      head.append((char) b);
    }
    return head.toString();
  }

  /** One WebSocket frame from the server (unmasked, RFC 6455 section 5.2). */
  private record Frame(boolean fin, int opcode, byte[] payload) {
    static Frame read(DataInputStream in) throws IOException {
      int first = in.readUnsignedByte();
      int second = in.readUnsignedByte();
      assertThat(second & 0x80).as("a server frame is not masked").isZero();
      long length = second & 0x7F;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = new byte[Math.toIntExact(length)];
      in.readFully(payload);
      return new Frame((first & 0x80) != 0, first & 0x0F, payload);
    }

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    int closeCode() {
      return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }
  }
}
