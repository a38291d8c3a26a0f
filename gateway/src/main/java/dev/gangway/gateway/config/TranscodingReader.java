package dev.gangway.gateway.config;

import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.options.TranscoderOptions.JsonFieldNames;
import dev.gangway.transcoder.options.TranscoderOptions.PathBodyConflict;
import dev.gangway.transcoder.options.TranscoderOptions.UnknownInput;
import dev.gangway.transcoder.template.PathTemplateParser;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code transcoding} section into {@link TranscoderOptions}: one key per builder
 * method, enum values in lower case; an absent key keeps the transcoder's default.
 *
 * <p>Stateless and thread-safe; setup code.
 */
final class TranscodingReader {
  static final List<String> KEYS = List.of("auto_mapping", "unknown_query_parameters",
      "unknown_body_fields", "ignored_query_parameters", "query_plus_as_space",
      "path_body_conflict", "json_field_names", "emit_default_values", "enums_as_numbers", "template_syntax",
      "fill_update_mask");

  static final Map<String, UnknownInput> UNKNOWN_INPUT = lowerCase(UnknownInput.values());
  static final Map<String, PathBodyConflict> PATH_BODY_CONFLICT =
      lowerCase(PathBodyConflict.values());
  static final Map<String, JsonFieldNames> JSON_FIELD_NAMES = lowerCase(JsonFieldNames.values());
  static final Map<String, PathTemplateParser.Syntax> TEMPLATE_SYNTAX =
      lowerCase(PathTemplateParser.Syntax.values());

  private TranscodingReader() {}

  /** {@code REJECT_DIFFERENT} is written {@code reject_different}. */
  private static <E extends Enum<E>> Map<String, E> lowerCase(E[] values) {
    return ConfigNode.choices(values, value -> value.name().toLowerCase(Locale.ROOT));
  }

  static TranscoderOptions read(ConfigNode node) throws ConfigException {
    node.mapping(KEYS);
    TranscoderOptions.Builder b = TranscoderOptions.DEFAULT.toBuilder();
    node.get("auto_mapping").bool().ifPresent(b::autoMapping);
    node.get("unknown_query_parameters").choice(UNKNOWN_INPUT).ifPresent(b::unknownQueryParameters);
    node.get("unknown_body_fields").choice(UNKNOWN_INPUT).ifPresent(b::unknownBodyFields);
    Optional<List<String>> ignored = node.get("ignored_query_parameters").strings();
    if (ignored.isPresent()) {
      b.ignoredQueryParameters(Set.copyOf(ignored.get()));
    }
    node.get("query_plus_as_space").bool().ifPresent(b::queryPlusAsSpace);
    node.get("path_body_conflict").choice(PATH_BODY_CONFLICT).ifPresent(b::pathBodyConflict);
    node.get("json_field_names").choice(JSON_FIELD_NAMES).ifPresent(b::jsonFieldNames);
    node.get("emit_default_values").bool().ifPresent(b::emitDefaultValues);
    node.get("enums_as_numbers").bool().ifPresent(b::enumsAsNumbers);
    node.get("template_syntax").choice(TEMPLATE_SYNTAX).ifPresent(b::templateSyntax);
    node.get("fill_update_mask").bool().ifPresent(b::fillUpdateMask);
    return b.build();
  }
}
