package dev.gangway.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.rpc.Code;
import dev.gangway.transcoder.errors.TranscodingException;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.undertow.io.Receiver;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client-streaming backend call fed from the request body: NDJSON lines are bound (path and
 * query into every message, the line as the JSON body) and sent as they arrive; a body whose first
 * line starts with {@code [} is a JSON array, buffered whole within the body size limit and sent
 * element by element. Reading pauses while the call is not ready and resumes on {@code onReady},
 * so the body is read only as fast as the backend takes messages. The single response is answered
 * as a unary one ({@link UnaryCall}); a bad line cancels the call and answers 400 naming the line.
 *
 * <p>Confined to the exchange's IO thread: the call's callbacks run there (its executor is the IO
 * thread), and so do the receiver's callbacks, so no state needs locking.
 */
final class ClientStreamCall extends ClientCall.Listener<byte[]> {
  private static final Logger log = LoggerFactory.getLogger(ClientStreamCall.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Runnable NOTHING = () -> { };

  private final HttpServerExchange exchange;
  private final Routed routed;
  private final UnaryCall unary;
  private final long limit;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private ClientCall<byte[], byte[]> call;
  private Receiver receiver;
  private int lineNumber;
  private int sent;
  private boolean array;
  private boolean paused;

  private ClientStreamCall(HttpServerExchange exchange, Routed routed, Duration timeout) {
    this.exchange = exchange;
    this.routed = routed;
    this.unary = UnaryCall.forExchange(exchange, routed, timeout);
    this.limit = routed.snapshot().config().server().maxRequestBodyBytes();
  }

  /** Starts the call on {@code channel} and starts reading the body into it; 415 for other types. */
  static void start(
      HttpServerExchange exchange,
      Routed routed,
      Channel channel,
      Metadata metadata,
      Duration timeout) {
    String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    if (!acceptable(contentType)) {
      exchange.setPersistent(false); // the body is never read
      Responses.error(exchange, routed.snapshot().transcoder(),
          TranscodingException.unsupportedMediaType("a client stream takes application/x-ndjson"
              + " or application/json, not " + contentType));
      return;
    }
    ClientStreamCall listener = new ClientStreamCall(exchange, routed, timeout);
    listener.call = listener.unary.newCall(channel);
    listener.call.start(listener, metadata);
    listener.call.request(1);
    listener.receiver = exchange.getRequestReceiver();
    listener.receiver.receivePartialBytes(listener::received, listener::receiveFailed);
  }

  private static boolean acceptable(String contentType) {
    if (contentType == null) {
      return true;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim().toLowerCase(Locale.ROOT);
    return type.isEmpty() || type.equals("application/json")
        || type.equals("application/x-ndjson");
  }

  private void received(HttpServerExchange ex, byte[] chunk, boolean last) {
    if (!unary.finished()) {
      Responses.guarded(ex, () -> take(chunk, last));
    }
    // Undertow delivers chunks through executeRootHandler, which ends an exchange that is neither
    // dispatched nor reading when the callback returns; the call's callbacks complete this one.
    // (While reading, the receiver resumes reads itself, and dispatching as well is refused.)
    if ((last || paused) && !ex.isResponseStarted()) {
      ex.dispatch(SameThreadExecutor.INSTANCE, NOTHING);
    }
  }

  private void take(byte[] chunk, boolean last) {
    int start = 0;
    for (int i = 0; i < chunk.length && !array; i++) {
      if (chunk[i] == '\n') {
        if (!append(chunk, start, i - start) || !endLine()) {
          return;
        }
        start = i + 1;
      }
    }
    if (!append(chunk, start, chunk.length - start)) {
      return;
    }
    if (last) {
      endBody();
    } else if (!call.isReady()) {
      // The backend has not taken what was sent: stop reading until it has (onReady).
      paused = true;
      receiver.pause();
    }
  }

  /** Adds body bytes to the current line (or the buffered array); false once over the limit. */
  private boolean append(byte[] chunk, int offset, int length) {
    pending.write(chunk, offset, length);
    if (pending.size() <= limit) {
      return true;
    }
    String what = array ? "JSON array body" : "line " + (lineNumber + 1);
    unary.abort("the client stream exceeded the size limit", new TranscodingException(
        Code.RESOURCE_EXHAUSTED, 413, what + " larger than " + limit + " bytes"));
    return false;
  }

  private boolean endLine() {
    lineNumber++;
    byte[] line = pending.toByteArray();
    pending.reset();
    int first = firstNonBlank(line);
    if (first < 0) {
      return true;
    }
    if (sent == 0 && line[first] == '[') {
      // A JSON array rather than NDJSON: buffer the rest of the body and send it at the end.
      array = true;
      pending.write(line, 0, line.length);
      pending.write('\n');
      return true;
    }
    return send("line " + lineNumber, line);
  }

  private void endBody() {
    byte[] rest = pending.toByteArray();
    pending.reset();
    int first = firstNonBlank(rest);
    if (array || (sent == 0 && first >= 0 && rest[first] == '[')) {
      if (!sendArray(rest)) {
        return;
      }
    } else if (first >= 0) {
      lineNumber++;
      if (!send("line " + lineNumber, rest)) {
        return;
      }
    }
    call.halfClose();
    DisconnectWatcher.watch(exchange, unary::clientGone);
  }

  private boolean sendArray(byte[] body) {
    JsonNode elements;
    try {
      elements = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return reject("body", "not a valid JSON array: " + e.getOriginalMessage());
    } catch (IOException e) {
      return reject("body", "not a valid JSON array");
    }
    if (elements == null || !elements.isArray()) {
      return reject("body", "not a valid JSON array");
    }
    for (int i = 0; i < elements.size(); i++) {
      byte[] element;
      try {
        element = JSON.writeValueAsBytes(elements.get(i));
      } catch (JsonProcessingException e) {
        return reject("element " + i, "cannot be read as JSON");
      }
      if (!send("element " + i, element)) {
        return false;
      }
    }
    return true;
  }

  /** Binds one message (path and query plus {@code json} as the body) and sends it. */
  private boolean send(String where, byte[] json) {
    byte[] message;
    try {
      message = routed.snapshot().transcoder().bind(
          routed.match(), exchange.getQueryString(), "application/json", json);
    } catch (TranscodingException e) {
      unary.abort("a client-stream message could not be bound", new TranscodingException(
          e.code(), e.httpStatus(), where + ": " + e.getMessage()));
      return false;
    }
    call.sendMessage(message);
    sent++;
    return true;
  }

  private boolean reject(String where, String problem) {
    unary.abort("the client stream body is invalid",
        TranscodingException.invalidArgument(where + ": " + problem));
    return false;
  }

  private static int firstNonBlank(byte[] line) {
    for (int i = 0; i < line.length; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return i;
      }
    }
    return -1;
  }

  private void receiveFailed(HttpServerExchange ex, IOException failure) {
    // The client broke off while sending: nobody is left to answer.
    log.debug("{}: client stream not received: {}", routed.route().grpcMethodName(),
        failure.toString());
    unary.clientGone();
  }

  @Override
  public void onReady() {
    if (paused && !unary.finished()) {
      paused = false;
      receiver.resume();
    }
  }

  @Override
  public void onHeaders(Metadata headers) {
    unary.onHeaders(headers);
  }

  @Override
  public void onMessage(byte[] message) {
    unary.onMessage(message);
  }

  @Override
  public void onClose(Status status, Metadata trailers) {
    // A backend that answers before the body ends: the rest of the body is never read.
    if (!exchange.isRequestComplete()) {
      exchange.setPersistent(false);
    }
    unary.onClose(status, trailers);
  }
}
