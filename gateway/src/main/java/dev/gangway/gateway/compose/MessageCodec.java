package dev.gangway.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.gangway.transcoder.internal.json.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Moves values between protobuf bytes and JSON trees with the snapshot's proto3 JSON options:
 * call results become trees (so templates can pick fields), request templates become bytes.
 *
 * <p>Immutable and thread-safe.
 */
final class MessageCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final JsonCodec codec;

  MessageCodec(JsonCodec codec) {
    this.codec = codec;
  }

  /** A call's response message as JSON, as the transcoder would print it. */
  JsonNode toJson(Descriptor type, byte[] message) throws IOException {
    DynamicMessage parsed = DynamicMessage.parseFrom(type, message);
    return MAPPER.readTree(codec.printer().print(parsed));
  }

  /** A request template's value as a message of {@code type}. */
  byte[] toProto(Descriptor type, JsonNode json) throws InvalidProtocolBufferException {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    codec.parser().merge(json.toString(), builder);
    return builder.build().toByteArray();
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
