package dev.gangway.gateway.compose;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.google.protobuf.Descriptors.Descriptor;
import dev.gangway.transcoder.internal.codec.CodecException;
import dev.gangway.transcoder.internal.json.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Moves values between protobuf bytes and JSON trees with the snapshot's compiled codec: call
 * results become trees (so templates can pick fields) through a token buffer, request templates
 * become bytes read straight off the tree; no JSON text in between either way.
 *
 * <p>Immutable and thread-safe.
 */
final class MessageCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final JsonCodec codec;

  MessageCodec(JsonCodec codec) {
    this.codec = codec;
  }

  /**
   * A call's response message as JSON, as the transcoder would print it.
   *
   * @throws IOException if the bytes are not a valid message or cannot be written as JSON
   */
  JsonNode toJson(Descriptor type, byte[] message) throws IOException {
    TokenBuffer events = new TokenBuffer(MAPPER, false);
    try {
      codec.writeJson(type, message, events);
    } catch (CodecException e) {
      throw new IOException(e.getMessage());
    }
    try (JsonParser replay = events.asParser()) {
      return MAPPER.readTree(replay);
    }
  }

  /**
   * A request template's value as a message of {@code type}.
   *
   * @throws CodecException naming the field or value that proto3 JSON rejects
   */
  byte[] toProto(Descriptor type, JsonNode json) throws CodecException {
    try (JsonParser tree = json.traverse(MAPPER)) {
      return codec.toWire(type, tree);
    } catch (IOException e) {
      throw new IllegalStateException("closing a tree parser does no I/O", e);
    }
  }

  /** A composed response body (UTF-8 JSON). */
  static byte[] write(JsonNode json) {
    try {
      return MAPPER.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a tree of plain nodes always serializes
    }
  }
}
