package dev.gangway.transcoder.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import dev.gangway.transcoder.options.TranscoderOptions;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The whole googleapis corpus (benchmarks/corpus/fetch-googleapis.sh builds it, with source info)
 * as one OpenAPI document, validated by swagger-parser; prints the build time and size. Runs only
 * when {@code -Dgangway.corpus=PATH/googleapis-source.pb} names the set (it takes a minute and
 * the corpus is a 80 MB download the build does not make); docs/benchmarks.md has the figures.
 */
@EnabledIfSystemProperty(named = "gangway.corpus", matches = ".+")
class OpenApiCorpusTest {
  @Test
  void googleapisCorpusIsOneValidDocument() {
    Transcoder transcoder = Transcoder.build(DescriptorLoader.load(List.of(
        DescriptorSource.path(Path.of(System.getProperty("gangway.corpus"))))),
        TranscoderOptions.DEFAULT);
    long start = System.nanoTime();
    OpenApiBuilder builder = OpenApiBuilder.create(new OpenApiInfo("googleapis", "1",
        java.util.Optional.empty()), transcoder.descriptors().comments(), transcoder.options());
    transcoder.routes().forEach(r -> builder.addBinding(r.binding(), List.of()));
    OpenApiDocument document = builder.build();
    String json = OpenApiBuilderTest.write(document);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("corpus: %d routes, %d operations, %d bytes of JSON in %d ms%n",
        transcoder.routes().size(), document.operations(), json.length(), millis);

    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
    List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
    messages.stream().limit(20).forEach(m -> System.out.println("swagger-parser: " + m));
    assertThat(messages).isEmpty();
    assertThat(OpenApiBuilderTest.write(builderAgain(transcoder))).isEqualTo(json);
  }

  private static OpenApiDocument builderAgain(Transcoder transcoder) {
    OpenApiBuilder builder = OpenApiBuilder.create(new OpenApiInfo("googleapis", "1",
        java.util.Optional.empty()), transcoder.descriptors().comments(), transcoder.options());
    transcoder.routes().forEach(r -> builder.addBinding(r.binding(), List.of()));
    return builder.build();
  }
}
