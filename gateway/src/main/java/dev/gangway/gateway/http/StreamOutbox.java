package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.Responses;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.xnio.IoUtils;

/**
 * The write side of one streamed response and its flow control: framed messages are appended to a
 * batch, and the messages that arrive together (or while a write is in progress) go out in one
 * write with one flush, once the IO task that delivered them ends (gRPC delivers what it has
 * deframed in one task, so the flush comes when its inbound batch is drained and no message
 * waits for a later one). As messages are flushed to the client the backend is asked for more
 * within the stream's {@link StreamWindow}: that, with gRPC's own transport window, is all a
 * stream holds, and a client that reads slowly holds the backend back. Shared by every streamed
 * HTTP response ({@link ServerStreamCall}, {@link RpcStreamCall}), whose batches go to a
 * {@link StreamWriter}, and by WebSockets ({@link WebSocketCall}), whose batches are text frames
 * written by a {@link WebSocketFrameWriter}.
 *
 * <p>The bytes it holds (the batch being filled and the one being written) are reported to the
 * {@code held} counter given at construction ({@link OpenStreams#holding}), and given back as
 * they are written or, when the stream ends early, by {@link #release()}.
 *
 * <p>Not thread-safe: confined to the stream's IO thread (the call's callbacks, the flush task
 * and Undertow's write listeners all run there).
 */
final class StreamOutbox implements BatchSink.Callback {
  /** A batch buffer larger than this (large messages) is not kept for the next batch. */
  private static final int KEPT_BUFFER_BYTES = 64 << 10;

  /** What the outbox tells the call it writes for. */
  interface Demand {
    /** The client took {@code messages} more: ask the backend for as many again. */
    void request(int messages);

    /** Writing to the client failed (it went away); nothing more will be written. */
    void writeFailed(IOException e);
  }

  private final Executor thread;
  private final Consumer<Runnable> guard;
  private final Demand demand;
  private final LongConsumer held;
  private BatchSink writer;
  /** The batch being filled: messages that arrived since the last write started. */
  private byte[] batch = new byte[0];
  private int batchBytes;
  private int batchMessages;
  /** The buffer of the write in progress. */
  private byte[] inFlight;
  /** A written batch's buffer, kept to fill the next batch. */
  private byte[] spare;
  private boolean writing;
  /** How many messages (and bytes) the write in progress carries. */
  private int writingMessages;
  private int writingBytes;
  private final StreamWindow window = new StreamWindow();
  /** A write of the batch will run once the current IO task ends. */
  private boolean flushScheduled;
  /** The end of the stream, waiting for the writes to drain. */
  private Runnable afterDrain;

  /**
   * An outbox whose flush task runs on {@code thread} (the stream's IO thread) inside
   * {@code guard} (which contains a failure in gateway code), reporting to {@code demand} and
   * counting the bytes it holds in {@code held}.
   */
  StreamOutbox(Executor thread, Consumer<Runnable> guard, Demand demand, LongConsumer held) {
    this.thread = thread;
    this.guard = guard;
    this.demand = demand;
    this.held = held;
  }

  /** The outbox of a streamed HTTP response on {@code exchange}. */
  static StreamOutbox of(HttpServerExchange exchange, Demand demand, LongConsumer held) {
    return new StreamOutbox(exchange.getIoThread(),
        task -> Responses.guarded(exchange, task::run), demand, held);
  }

  /** How many messages to ask the backend for when the call starts. */
  int firstRequest() {
    return window.open();
  }

  /**
   * Starts writing to {@code sink}: call once, before the first batch can be written (for an HTTP
   * response, when the status and headers are set: its writer decides the framing from them).
   */
  void open(BatchSink sink) {
    writer = sink;
  }

  /** Whether the response body has started. */
  boolean opened() {
    return writer != null;
  }

  /** Whether a write is in progress or messages wait for one. */
  boolean busy() {
    return writing || batchMessages > 0;
  }

  /** Adds one framed message to the batch; it is written after the current IO task. */
  void add(byte[] message) {
    append(message);
    added(message.length);
  }

  /**
   * Adds one message framed as {@code before + body + after} to the batch (copied once, with no
   * array in between); it is written after the current IO task.
   */
  void add(byte[] before, byte[] body, byte[] after) {
    append(before);
    append(body);
    append(after);
    added(before.length + body.length + after.length);
  }

  private void added(int bytes) {
    window.arrived(bytes);
    batchMessages++;
    held.accept(bytes);
    scheduleFlush();
  }

  private void append(byte[] bytes) {
    if (batchBytes + bytes.length > batch.length) {
      batch = Arrays.copyOf(batch, Math.max(batchBytes + bytes.length,
          Math.max(batch.length * 2, 1024)));
    }
    System.arraycopy(bytes, 0, batch, batchBytes, bytes.length);
    batchBytes += bytes.length;
  }

  /**
   * Writes the batch after the current IO task, so that the messages gRPC delivers in one go share
   * one write and one flush. The task runs on this IO thread, so no wake-up is needed.
   */
  private void scheduleFlush() {
    if (writing || flushScheduled) {
      return; // written() writes the batch when the write in progress completes
    }
    flushScheduled = true;
    thread.execute(() -> guard.accept(this::flushBatch));
  }

  private void flushBatch() {
    flushScheduled = false;
    if (!writing && batchMessages > 0) {
      writeBatch();
    }
  }

  private void writeBatch() {
    ByteBuffer out = ByteBuffer.wrap(batch, 0, batchBytes);
    writingMessages = batchMessages;
    writingBytes = batchBytes;
    inFlight = batch;
    batch = spare != null ? spare : new byte[Math.min(batch.length, KEPT_BUFFER_BYTES)];
    spare = null;
    batchBytes = 0;
    batchMessages = 0;
    writing = true;
    writer.write(out, this);
  }

  /**
   * Runs {@code end} now, or once the write in progress (and the batch behind it) is flushed; it
   * replaces an end already waiting.
   */
  void whenDrained(Runnable end) {
    if (busy()) {
      afterDrain = end;
    } else {
      end.run();
    }
  }

  /** Forgets the end waiting for the writes to drain (the client went away). */
  void forgetDrain() {
    afterDrain = null;
  }

  /**
   * The stream ended (its exchange or connection is gone): gives back what the outbox still
   * holds to the {@code held} counter, and drops the batch waiting to be written.
   */
  void release() {
    held.accept(-(long) (batchBytes + writingBytes));
    batchBytes = 0;
    batchMessages = 0;
    writingBytes = 0;
    afterDrain = null;
  }

  /**
   * Writes {@code last} (nothing when empty) and ends the exchange; if that write fails, the
   * connection is closed. For HTTP responses; call when not {@link #busy()}.
   */
  void end(HttpServerExchange exchange, byte[] last) {
    if (last.length == 0) {
      exchange.endExchange();
      return;
    }
    writing = true;
    writer.write(ByteBuffer.wrap(last), new BatchSink.Callback() {
      @Override
      public void written() {
        writing = false;
        exchange.endExchange();
      }

      @Override
      public void failed(IOException e) {
        writing = false;
        IoUtils.safeClose(exchange.getConnection());
      }
    });
  }

  @Override
  public void written() {
    writing = false;
    int flushed = writingMessages;
    writingMessages = 0;
    held.accept(-(long) writingBytes);
    writingBytes = 0;
    if (inFlight != null && inFlight.length <= KEPT_BUFFER_BYTES) {
      spare = inFlight;
    }
    inFlight = null;
    if (batchMessages > 0) {
      writeBatch();
    } else if (afterDrain != null) {
      Runnable end = afterDrain;
      afterDrain = null;
      end.run();
      return;
    }
    int more = window.flushed(flushed);
    if (more > 0) {
      demand.request(more); // the HTTP side took these: ask for more
    }
  }

  @Override
  public void failed(IOException e) {
    writing = false;
    release();
    demand.writeFailed(e);
  }
}
