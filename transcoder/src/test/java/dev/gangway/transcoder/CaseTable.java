package dev.gangway.transcoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gangway.transcoder.options.TranscoderOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** One YAML file of mapping cases under {@code src/test/resources/cases/}. */
record CaseTable(Path file, List<String> descriptors, TranscoderOptions options, List<JsonNode> cases) {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path DIR = Path.of("src/test/resources/cases");

  static List<CaseTable> all() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(CaseTable::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CaseTable read(Path file) {
    try {
      JsonNode root = YAML.readTree(file.toFile());
      List<String> descriptors = new ArrayList<>();
      root.path("descriptors").forEach(d -> descriptors.add(d.asText()));
      if (descriptors.isEmpty()) {
        descriptors.add("target/test-descriptors/test.binpb");
      }
      List<JsonNode> cases = new ArrayList<>();
      root.path("cases").forEach(cases::add);
      return new CaseTable(file, descriptors, options(root.path("options")), cases);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Options by builder method name, e.g. {@code unknownQueryParameters: IGNORE}. */
  static TranscoderOptions options(JsonNode node) {
    TranscoderOptions.Builder b = TranscoderOptions.builder();
    node.fields().forEachRemaining(e -> {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "autoMapping" -> b.autoMapping(v.asBoolean());
        case "unknownQueryParameters" ->
            b.unknownQueryParameters(TranscoderOptions.UnknownInput.valueOf(v.asText()));
        case "unknownBodyFields" ->
            b.unknownBodyFields(TranscoderOptions.UnknownInput.valueOf(v.asText()));
        case "ignoredQueryParameters" -> {
          List<String> names = new ArrayList<>();
          v.forEach(n -> names.add(n.asText()));
          b.ignoredQueryParameters(Set.copyOf(names));
        }
        case "queryPlusAsSpace" -> b.queryPlusAsSpace(v.asBoolean());
        case "pathBodyConflict" ->
            b.pathBodyConflict(TranscoderOptions.PathBodyConflict.valueOf(v.asText()));
        case "jsonFieldNames" -> b.jsonFieldNames(TranscoderOptions.JsonFieldNames.valueOf(v.asText()));
        case "emitDefaultValues" -> b.emitDefaultValues(v.asBoolean());
        case "enumsAsNumbers" -> b.enumsAsNumbers(v.asBoolean());
        default -> throw new IllegalArgumentException("unknown option " + e.getKey());
      }
    });
    return b.build();
  }
}
