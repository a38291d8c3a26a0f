package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.internal.codec.CodecException;
import dev.gangway.transcoder.internal.codec.CompiledCodec;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Cuts a JSON request body into messages: NDJSON lines are passed on as they complete (a line
 * may arrive split across reads; blank lines are skipped; a last line without {@code \n}
 * counts); a body whose first non-blank line starts with {@code [} is a JSON array, buffered
 * whole and passed on element by element at the end, once the whole array has been read under the
 * codec's JSON limits (no tree is built: each element is passed on as its own bytes). A line (or
 * the array) over {@code limit} bytes is a 413 naming it.
 *
 * <p>Not thread-safe: one per stream, confined to the exchange's IO thread.
 */
final class NdjsonSplitter implements BodySplitter {
  private static final String JSON_TYPE = "application/json";

  private final long limit;
  private final CompiledCodec codec;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private int lineNumber;
  private int sent;
  private boolean array;

  /**
   * @param limit the most bytes one line (or a whole array body) may have
   * @param codec the snapshot's codec, whose JSON limits an array body is read under
   */
  NdjsonSplitter(long limit, CompiledCodec codec) {
    this.limit = limit;
    this.codec = codec;
  }

  @Override
  public boolean take(byte[] chunk, Sink sink) {
    int start = 0;
    for (int i = 0; i < chunk.length && !array; i++) {
      if (chunk[i] == '\n') {
        if (!append(chunk, start, i - start, sink) || !endLine(sink)) {
          return false;
        }
        start = i + 1;
      }
    }
    return append(chunk, start, chunk.length - start, sink);
  }

  /** Adds body bytes to the current line (or the buffered array); false once over the limit. */
  private boolean append(byte[] chunk, int offset, int length, Sink sink) {
    pending.write(chunk, offset, length);
    if (pending.size() <= limit) {
      return true;
    }
    String what = array ? "JSON array body" : "line " + (lineNumber + 1);
    return sink.fail(GatewayError.MESSAGE_TOO_LARGE.exception(what, limit));
  }

  private boolean endLine(Sink sink) {
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
    return send("line " + lineNumber, line, sink);
  }

  @Override
  public boolean end(Sink sink) {
    byte[] rest = pending.toByteArray();
    pending.reset();
    int first = firstNonBlank(rest);
    if (array || (sent == 0 && first >= 0 && rest[first] == '[')) {
      return sendArray(rest, sink);
    }
    if (first >= 0) {
      lineNumber++;
      return send("line " + lineNumber, rest, sink);
    }
    return true;
  }

  private boolean sendArray(byte[] body, Sink sink) {
    int[] ranges;
    try {
      ranges = codec.arrayElements(body, 0, body.length);
    } catch (CodecException e) {
      return reject("body", e.getMessage(), sink);
    }
    for (int i = 0; i < ranges.length; i += 2) {
      byte[] element = Arrays.copyOfRange(body, ranges[i], ranges[i + 1]);
      if (!send("element " + i / 2, element, sink)) {
        return false;
      }
    }
    return true;
  }

  private boolean send(String where, byte[] json, Sink sink) {
    if (!sink.send(where, JSON_TYPE, json)) {
      return false;
    }
    sent++;
    return true;
  }

  private static boolean reject(String where, String problem, Sink sink) {
    return sink.fail(TranscodingException.invalidArgument(where + ": " + problem));
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
}
