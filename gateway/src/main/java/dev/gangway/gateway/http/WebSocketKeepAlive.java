package dev.gangway.gateway.http;

import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.xnio.XnioExecutor;

/**
 * Pings an open WebSocket every interval, and gives it up when nothing (no pong, no frame) has
 * been heard from the client for two intervals while the gateway was reading. The pings keep
 * quiet sockets open through proxies and load balancers that drop idle connections (often after
 * 60 s); the silence check notices a peer that vanished without closing the connection, whose
 * call would otherwise run until its deadline.
 *
 * <p>Not thread-safe: confined to the connection's IO thread, where its timer runs.
 */
final class WebSocketKeepAlive {
  private static final ByteBuffer NO_DATA = ByteBuffer.allocate(0);

  private final WebSocketChannel channel;
  private final long intervalNanos;
  private final BooleanSupplier reading;
  private final Runnable silent;
  private long lastHeard;
  private XnioExecutor.Key timer;

  /**
   * @param reading whether frames are being read now: while reading is paused (the backend is
   *     not ready for more) pongs cannot arrive, so silence then says nothing about the peer
   * @param silent what to do when the peer has gone silent
   */
  WebSocketKeepAlive(
      WebSocketChannel channel, Duration interval, BooleanSupplier reading, Runnable silent) {
    this.channel = channel;
    this.intervalNanos = interval.toNanos();
    this.reading = reading;
    this.silent = silent;
  }

  void start() {
    lastHeard = System.nanoTime();
    schedule();
  }

  /** Something arrived from the client: it is there. */
  void heard() {
    lastHeard = System.nanoTime();
  }

  void stop() {
    if (timer != null) {
      timer.remove();
      timer = null;
    }
  }

  private void schedule() {
    timer = channel.getIoThread().executeAfter(this::tick, intervalNanos, TimeUnit.NANOSECONDS);
  }

  private void tick() {
    timer = null;
    if (!channel.isOpen() || channel.isCloseFrameSent()) {
      return;
    }
    long now = System.nanoTime();
    if (!reading.getAsBoolean()) {
      lastHeard = now;
    } else if (now - lastHeard > 2 * intervalNanos) {
      silent.run();
      return;
    }
    WebSockets.sendPing(NO_DATA.duplicate(), channel, null);
    schedule();
  }
}
