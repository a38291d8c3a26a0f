package dev.gangway.transcoder.internal.json;

import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.internal.codec.CompiledCodec;
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
  private final boolean protoFieldNames;
  private final boolean emitDefaultValues;
  private final boolean enumsAsNumbers;
  private final CompiledCodec compiled;

  public JsonCodec(TypeRegistry types, TranscoderOptions options) {
    this.types = Objects.requireNonNull(types, "types");
    Objects.requireNonNull(options, "options");
    JsonFormat.Parser p = JsonFormat.parser().usingTypeRegistry(types);
    if (options.unknownBodyFields() == TranscoderOptions.UnknownInput.IGNORE) {
      p = p.ignoringUnknownFields();
    }
    this.parser = p;
    this.protoFieldNames = options.jsonFieldNames() == TranscoderOptions.JsonFieldNames.PROTO_NAME;
    this.emitDefaultValues = options.emitDefaultValues();
    this.enumsAsNumbers = options.enumsAsNumbers();
    JsonFormat.Printer withoutDefaults = printerWithoutDefaults(types);
    this.printer =
        emitDefaultValues ? withoutDefaults.alwaysPrintFieldsWithNoPresence() : withoutDefaults;
    this.compiled =
        new CompiledCodec(
            types,
            protoFieldNames,
            emitDefaultValues,
            enumsAsNumbers,
            options.unknownBodyFields() == TranscoderOptions.UnknownInput.IGNORE);
  }

  /**
   * The codec compiled from descriptors that serves requests and responses: JSON to wire bytes and
   * back in one pass each, with these options. Internal: for the transcoder's own plans.
   */
  public CompiledCodec compiled() {
    return compiled;
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

  /**
   * A printer with the same options as {@link #printer()} but another registry for {@code Any}:
   * JsonFormat takes one registry per printer and a {@link TypeRegistry} cannot be merged, so the
   * error renderer keeps a second printer for the {@code google.rpc} error detail types.
   */
  public JsonFormat.Printer printerUsing(TypeRegistry registry) {
    JsonFormat.Printer p = printerWithoutDefaults(Objects.requireNonNull(registry, "registry"));
    return emitDefaultValues ? p.alwaysPrintFieldsWithNoPresence() : p;
  }

  private JsonFormat.Printer printerWithoutDefaults(TypeRegistry registry) {
    JsonFormat.Printer p =
        JsonFormat.printer().usingTypeRegistry(registry).omittingInsignificantWhitespace();
    if (protoFieldNames) {
      p = p.preservingProtoFieldNames();
    }
    if (enumsAsNumbers) {
      p = p.printingEnumsAsInts();
    }
    return p;
  }
}
