package dev.gangway.gateway.http;

import dev.gangway.transcoder.errors.TranscodingException;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.xnio.StreamConnection;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Guards one HTTP/1 connection: every byte the client sends passes {@link Http1Framing} before
 * Undertow parses it, and Undertow's own bare 400 is replaced by a status body.
 *
 * <ul>
 *   <li>A refused request head (a version other than HTTP/1.x, malformed request line or header
 *       field, a bare LF, obs-fold, a head too large, a bad {@code Content-Length}) is handed on
 *       up to the refused byte, then completed with a marker header line and nothing more is read:
 *       Undertow parses a request, in order after any pipelined before it, and
 *       {@link EdgeLimitsHandler} answers it ({@link #refusal}) with the refusal's status and
 *       closes the connection.
 *   <li>Refused body framing (chunked with a bare LF, ...) cannot be answered by an exchange whose
 *       handler is reading the body: the bytes before it are handed on, the refusal's whole
 *       response is written to the socket (when the exchange's response has not started), later
 *       writes are dropped, and the read fails, which closes the connection.
 *   <li>Undertow's parser refuses some heads the check passes (an invalid percent-encoding, too
 *       many query parameters) with its constant {@code 400} and no body: that exact write is
 *       replaced by {@link HeadRefusal#UNPARSED}'s response.
 * </ul>
 *
 * <p>Not thread-safe: confined to the connection's IO thread, as Undertow's own reads are.
 */
public final class Http1Guard {
  /** The marker header of a completed refused head; its value is the listener's token. */
  static final HttpString MARKER = new HttpString("Gangway-Refused-Request");
  /** What Undertow writes when its parser refuses a request (HttpReadListener.BAD_REQUEST). */
  private static final byte[] UNDERTOW_BAD_REQUEST =
      "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII);

  private final Http1Framing framing;
  private final String token;
  private final Source source;
  private final Sink sink;
  /** The end of a refused head not yet handed on; then end of stream. */
  private ByteBuffer completion;
  /** Whether a CR that {@link Http1Framing#holdsCr() starts an empty line} is held back. */
  private boolean heldCr;
  /** Set once body framing is refused: every later read fails with it. Or null. */
  private IOException bodyFailure;
  /** The exchange served now (or null before the first), the {@link #served}-th. */
  private HttpServerExchange serving;
  private int served;
  /** The request (counted as {@link Http1Framing#heads()}) whose body framing was refused. */
  private int refusedBodyOf;

  private Http1Guard(StreamConnection connection, int maxHeadBytes, boolean h2c, String token) {
    this.framing = new Http1Framing(maxHeadBytes, h2c);
    this.token = token;
    this.source = new Source(connection.getSourceChannel().getConduit());
    this.sink = new Sink(connection.getSinkChannel().getConduit());
    connection.getSourceChannel().setConduit(source);
    connection.getSinkChannel().setConduit(sink);
  }

  /**
   * Guards {@code connection} before Undertow sees it; {@code preread} holds bytes already read
   * from it (TLS with ALPN reads the first ones), checked here and rewritten in place.
   */
  static void install(StreamConnection connection, ByteBuffer preread, int maxHeadBytes,
      boolean h2c, String token) {
    Http1Guard guard = new Http1Guard(connection, maxHeadBytes, h2c, token);
    if (preread != null) {
      int start = preread.position();
      preread.limit(guard.check(preread, start, start, preread.limit(), preread.capacity()));
    }
  }

  /** The guard of the exchange's connection, or null (HTTP/2, or not guarded). */
  static Http1Guard of(HttpServerExchange exchange) {
    if (exchange.getConnection() instanceof HttpServerConnection connection
        && connection.getOriginalSourceConduit() instanceof Source guarded) {
      return guarded.guard();
    }
    return null;
  }

  /**
   * What {@link EdgeLimitsHandler} must answer for the exchange it is given, the connection's next,
   * or null when the exchange may proceed: the refusal of its head (the completed refused head,
   * which carries the marker with this listener's token), or of its body when the body's framing
   * was refused before the exchange started (read together with the head).
   */
  TranscodingException refusal(HttpServerExchange exchange) {
    HeadRefusal refusal = framing.refusal();
    if (refusal != null && framing.refusedInHead()) {
      return token.equals(exchange.getRequestHeaders().getFirst(MARKER)) ? status(refusal) : null;
    }
    served++;
    serving = exchange;
    return refusal != null && refusedBodyOf == served ? status(refusal) : null;
  }

  private static TranscodingException status(HeadRefusal refusal) {
    return new TranscodingException(refusal.code(), refusal.status(), refusal.message());
  }

  /**
   * Checks {@code buffer[from, to)}, bytes just read, and returns the end of what Undertow may
   * parse, {@code buffer[start, end)} ({@code start} is where this read's output begins: before a
   * held CR put back at {@code from - 1}). Completion bytes of a refused head are written in place
   * up to {@code maxEnd}; the rest waits in {@link #completion}.
   */
  private int check(ByteBuffer buffer, int start, int from, int to, int maxEnd) {
    int stop = framing.scan(buffer, from, to);
    HeadRefusal refusal = framing.refusal();
    if (refusal == null) {
      heldCr = framing.holdsCr();
      return heldCr ? to - 1 : to;
    }
    heldCr = false;
    if (!framing.refusedInHead()) {
      bodyFailure = new IOException("request body framing refused: " + refusal.message());
      refusedBodyOf = framing.heads();
      if (refusedBodyOf == served) {
        // Its exchange is running, reading the body: it cannot answer, the guard does.
        answerRaw(refusal);
      }
      return stop;
    }
    // The CR that began the refused line was held back, or is the byte before: not handed on.
    int end = Math.max(start, framing.refusedAfterCr() ? stop - 1 : stop);
    ByteBuffer tail = ByteBuffer.wrap(framing.completion(MARKER + ": " + token));
    while (tail.hasRemaining() && end < maxEnd) {
      buffer.put(end++, tail.get());
    }
    completion = tail;
    return end;
  }

  /** Writes the refusal's whole response for the exchange reading the body, if it can. */
  private void answerRaw(HeadRefusal refusal) {
    HttpServerExchange exchange = serving;
    if (exchange == null || exchange.isResponseStarted()) {
      return;
    }
    exchange.setStatusCode(refusal.status()); // for the access log and meters
    exchange.setPersistent(false);
    sink.replace(refusal.response());
  }

  /** The connection's source, checked. */
  private final class Source extends AbstractStreamSourceConduit<StreamSourceConduit> {
    Source(StreamSourceConduit next) {
      super(next);
    }

    Http1Guard guard() {
      return Http1Guard.this;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      if (completion != null) {
        if (!completion.hasRemaining()) {
          return -1; // the refused head is complete: nothing after it is parsed
        }
        int n = Math.min(completion.remaining(), dst.remaining());
        dst.put(completion.array(), completion.position(), n);
        completion.position(completion.position() + n);
        return n;
      }
      if (bodyFailure != null) {
        throw bodyFailure;
      }
      if (framing.passThrough()) {
        return next.read(dst);
      }
      int start = dst.position();
      if (heldCr) {
        if (!dst.hasRemaining()) {
          return 0;
        }
        dst.put((byte) '\r');
      }
      int from = dst.position();
      int read = next.read(dst);
      if (read <= 0) {
        dst.position(start); // a held CR stays held until its LF arrives
        return read;
      }
      dst.position(check(dst, start, from, dst.position(), dst.limit()));
      int handedOn = dst.position() - start;
      if (handedOn == 0 && bodyFailure != null) {
        throw bodyFailure;
      }
      return handedOn;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
      for (int i = offs; i < offs + len; i++) {
        if (dsts[i].hasRemaining()) {
          return read(dsts[i]);
        }
      }
      return 0;
    }

    @Override
    public long transferTo(long position, long count, FileChannel target) throws IOException {
      return target.transferFrom(new ConduitReadableByteChannel(this), position, count);
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target)
        throws IOException {
      return Conduits.transfer(this, count, throughBuffer, target);
    }
  }

  /** The connection's sink: Undertow's bare 400 replaced; all writes dropped after a replacement. */
  private static final class Sink extends AbstractStreamSinkConduit<StreamSinkConduit> {
    private ByteBuffer pending;
    private boolean dropping;

    Sink(StreamSinkConduit next) {
      super(next);
    }

    /** Writes {@code response} now (what the socket does not take, at the next flush). */
    void replace(byte[] response) {
      dropping = true;
      pending = ByteBuffer.wrap(response);
      try {
        next.write(pending);
        next.flush();
      } catch (IOException e) {
        pending = null; // the client is gone
      }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      if (!dropping && src.remaining() == UNDERTOW_BAD_REQUEST.length && isUndertowBadRequest(src)) {
        replace(HeadRefusal.UNPARSED.response());
      }
      if (dropping) {
        int n = src.remaining();
        src.position(src.limit());
        return n;
      }
      return next.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offs, int len) throws IOException {
      if (dropping) {
        long n = 0;
        for (int i = offs; i < offs + len; i++) {
          n += srcs[i].remaining();
          srcs[i].position(srcs[i].limit());
        }
        return n;
      }
      return next.write(srcs, offs, len);
    }

    @Override
    public int writeFinal(ByteBuffer src) throws IOException {
      return dropping ? write(src) : next.writeFinal(src);
    }

    @Override
    public long writeFinal(ByteBuffer[] srcs, int offs, int len) throws IOException {
      return dropping ? write(srcs, offs, len) : next.writeFinal(srcs, offs, len);
    }

    @Override
    public boolean flush() throws IOException {
      if (pending != null) {
        next.write(pending);
        if (pending.hasRemaining()) {
          return false;
        }
        pending = null;
      }
      return next.flush();
    }

    private static boolean isUndertowBadRequest(ByteBuffer src) {
      byte[] bytes = new byte[src.remaining()];
      src.duplicate().get(bytes);
      return Arrays.equals(bytes, UNDERTOW_BAD_REQUEST);
    }
  }
}
