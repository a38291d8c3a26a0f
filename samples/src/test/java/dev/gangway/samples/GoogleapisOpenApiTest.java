package dev.gangway.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import dev.gangway.transcoder.openapi.OpenApiBuilder;
import dev.gangway.transcoder.openapi.OpenApiInfo;
import dev.gangway.transcoder.options.TranscoderOptions;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document of someone else's API: googleapis' library example
 * (google/example/library/v1/library.proto, compiled by the build with its comments), validated
 * by swagger-parser and checked for what googleapis annotates: field behaviors, resource-name
 * templates, custom verbs, comments.
 */
class GoogleapisOpenApiTest {
  private static final Path LIBRARY = Path.of("target/test-descriptors/googleapis-library.binpb");

  private static String document() throws IOException {
    Transcoder transcoder = Transcoder.build(
        DescriptorLoader.load(List.of(DescriptorSource.path(LIBRARY))), TranscoderOptions.DEFAULT);
    OpenApiBuilder builder = OpenApiBuilder.create(
        new OpenApiInfo("Library", "v1", Optional.empty()),
        transcoder.descriptors().comments(), transcoder.options());
    transcoder.routes().forEach(r -> builder.addBinding(r.binding(), List.of()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      builder.build().writeTo(json);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void libraryDocumentIsValidOpenApi31() throws IOException {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(document(), null, options);

    assertThat(result.getOpenAPI()).isNotNull();
    assertThat(result.getMessages()).isNullOrEmpty();
    assertThat(result.getOpenAPI().getPaths()).hasSize(6);
  }

  @Test
  void libraryOperationsCarryTheProtoAnnotationsAndComments() throws IOException {
    JsonNode doc = new ObjectMapper().readTree(document());
    JsonNode paths = doc.get("paths");

    assertThat(paths.get("/v1/shelves/{name}:merge").get("post").get("operationId").asText())
        .isEqualTo("LibraryService_MergeShelves");
    assertThat(paths.get("/v1/shelves/{name.shelves}/books/{name.books}:move").has("post"))
        .isTrue();
    JsonNode create = paths.get("/v1/shelves").get("post");
    assertThat(create.get("summary").asText()).isEqualTo("Creates a shelf, and returns the new Shelf.");
    JsonNode schemas = doc.get("components").get("schemas");
    assertThat(schemas.get("google.example.library.v1.Book").get("description").asText())
        .startsWith("A single book in the library.");
    assertThat(schemas.get("google.example.library.v1.MergeShelvesRequest").get("required")
        .toString()).isEqualTo("[\"name\",\"otherShelf\"]");
    assertThat(doc.get("tags").get(0).get("name").asText())
        .isEqualTo("google.example.library.v1.LibraryService");
  }
}
