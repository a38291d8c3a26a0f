package dev.gangway.transcoder.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.TypeRegistry;
import dev.gangway.transcoder.internal.codec.CodecException;
import dev.gangway.transcoder.internal.codec.CompiledCodec;
import dev.gangway.transcoder.options.TranscoderOptions;
import java.io.IOException;
import java.util.Objects;

/**
 * The proto3 JSON codec of one snapshot, configured from {@link TranscoderOptions} and a
 * {@link TypeRegistry} holding every message type of the snapshot (for {@code Any}): a
 * {@link CompiledCodec} (JSON text to wire bytes and back, one pass each, no message objects).
 *
 * <p>Immutable and thread-safe; built once per snapshot.
 */
public final class JsonCodec {
  private final TypeRegistry types;
  private final TranscoderOptions options;
  private final CompiledCodec compiled;

  public JsonCodec(TypeRegistry types, TranscoderOptions options) {
    this.types = Objects.requireNonNull(types, "types");
    this.options = Objects.requireNonNull(options, "options");
    this.compiled = compile(types, options);
  }

  private static CompiledCodec compile(TypeRegistry types, TranscoderOptions options) {
    return new CompiledCodec(
        types,
        options.jsonFieldNames() == TranscoderOptions.JsonFieldNames.PROTO_NAME,
        options.emitDefaultValues(),
        options.enumsAsNumbers(),
        options.unknownBodyFields() == TranscoderOptions.UnknownInput.IGNORE,
        options.jsonLimits());
  }

  /**
   * The codec compiled from descriptors that serves requests and responses, with these options.
   * Internal: for the transcoder's own plans.
   */
  public CompiledCodec compiled() {
    return compiled;
  }

  /**
   * A codec with the same options but another registry for {@code Any}: a {@link TypeRegistry}
   * cannot be merged, so the error renderer keeps a second codec for the {@code google.rpc} error
   * detail types.
   */
  public CompiledCodec compiledUsing(TypeRegistry registry) {
    return compile(Objects.requireNonNull(registry, "registry"), options);
  }

  public TypeRegistry types() {
    return types;
  }

  /**
   * Writes a message (wire bytes of {@code type}) as JSON events into {@code g}, e.g. a token
   * buffer that becomes a tree without any JSON text in between.
   *
   * @throws CodecException if the bytes are not a valid message or cannot be written as JSON
   */
  public void writeJson(Descriptor type, byte[] wire, JsonGenerator g)
      throws IOException, CodecException {
    compiled.write(compiled.schema(type), wire, g);
  }

  /**
   * Reads one JSON value from {@code p} (e.g. a parser over a tree) as a message of {@code type}.
   *
   * @throws CodecException naming the field or value that proto3 JSON rejects
   */
  public byte[] toWire(Descriptor type, JsonParser p) throws CodecException {
    return compiled.toWire(compiled.schema(type), p);
  }
}
