package dev.gangway.transcoder.json;

import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import dev.gangway.transcoder.TranscoderOptions;
import java.util.Objects;

/**
 * The proto3 JSON parser and printer for one snapshot, configured from {@link TranscoderOptions}
 * and a {@link TypeRegistry} holding every message type of the snapshot (for {@code Any}).
 *
 * <p>Immutable and thread-safe; built once per snapshot.
 */
public final class JsonCodec {
  private final TypeRegistry types;
  private final JsonFormat.Parser parser;
  private final JsonFormat.Printer printer;

  public JsonCodec(TypeRegistry types, TranscoderOptions options) {
    this.types = Objects.requireNonNull(types, "types");
    Objects.requireNonNull(options, "options");
    JsonFormat.Parser p = JsonFormat.parser().usingTypeRegistry(types);
    if (options.unknownBodyFields() == TranscoderOptions.UnknownInput.IGNORE) {
      p = p.ignoringUnknownFields();
    }
    this.parser = p;
    JsonFormat.Printer pr =
        JsonFormat.printer().usingTypeRegistry(types).omittingInsignificantWhitespace();
    if (options.jsonFieldNames() == TranscoderOptions.JsonFieldNames.PROTO_NAME) {
      pr = pr.preservingProtoFieldNames();
    }
    if (options.emitDefaultValues()) {
      pr = pr.alwaysPrintFieldsWithNoPresence();
    }
    if (options.enumsAsNumbers()) {
      pr = pr.printingEnumsAsInts();
    }
    this.printer = pr;
  }

  public TypeRegistry types() {
    return types;
  }

  /** The request-body parser (honours the unknown-field policy). */
  public JsonFormat.Parser parser() {
    return parser;
  }

  /** The response printer (compact; honours names, defaults and enum options). */
  public JsonFormat.Printer printer() {
    return printer;
  }
}
