package dev.gangway.transcoder.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.routing.HttpBinding;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The generated documents: valid OpenAPI 3.1 by swagger-parser, the proto3 JSON forms, the
 * parameters of templates and request messages, comments and field behaviors, streams marked.
 */
class OpenApiBuilderTest {
  static final Path NOTES = Path.of("target/test-descriptors-openapi/openapi.binpb");
  static final Path TEST_SET = Path.of("target/test-descriptors/test.binpb");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final OpenApiInfo INFO = new OpenApiInfo("Notes", "1", Optional.empty());

  static Transcoder transcoder(Path set, TranscoderOptions options) {
    return Transcoder.build(
        DescriptorLoader.load(List.of(DescriptorSource.path(set))), options);
  }

  static String json(Transcoder transcoder, List<HttpBinding> bindings) {
    OpenApiBuilder builder = OpenApiBuilder.create(
        INFO, transcoder.descriptors().comments(), transcoder.options());
    bindings.forEach(b -> builder.addBinding(b, List.of()));
    return write(builder.build());
  }

  static String write(OpenApiDocument document) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      document.writeTo(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static List<HttpBinding> bindings(Transcoder transcoder) {
    return transcoder.routes().stream().map(MethodRoute::binding).toList();
  }

  /** swagger-parser's messages for a document: empty when it is valid OpenAPI 3.1. */
  static List<String> problems(String json) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
    assertThat(result.getOpenAPI()).as("parsed").isNotNull();
    assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
    return result.getMessages() == null ? List.of() : result.getMessages();
  }

  private static JsonNode notes() throws IOException {
    Transcoder t = transcoder(NOTES, TranscoderOptions.DEFAULT);
    return MAPPER.readTree(json(t, bindings(t)));
  }

  @Test
  void notesDocumentIsValidOpenApi31() {
    Transcoder t = transcoder(NOTES, TranscoderOptions.DEFAULT);
    assertThat(problems(json(t, bindings(t)))).isEmpty();
  }

  @Test
  void kitchenAndLibraryDocumentIsValidOpenApi31() {
    Transcoder t = transcoder(TEST_SET, TranscoderOptions.DEFAULT);
    String json = json(t, bindings(t));
    assertThat(problems(json)).isEmpty();
  }

  @Test
  void sameBindingsInAnyOrderWriteTheSameBytes() {
    Transcoder t = transcoder(TEST_SET, TranscoderOptions.DEFAULT);
    List<HttpBinding> shuffled = new ArrayList<>(bindings(t));
    String first = json(t, shuffled);
    Collections.shuffle(shuffled, new Random(7));
    assertThat(json(t, shuffled)).isEqualTo(first);
    Collections.reverse(shuffled);
    assertThat(json(t, shuffled)).isEqualTo(first);
  }

  @Test
  void variablesKeepTheirLiteralSegmentsInThePath() throws IOException {
    JsonNode paths = notes().get("paths");
    assertThat(names(paths)).contains(
        "/v1/folders/{name.folders}/notes/{name.notes}",
        "/v1/folders/{name.folders}/notes/{name.notes}:pin",
        "/v1/folders/{parent}/notes",
        "/v1/folders/{parent}/notes:watch",
        "/v1/files/{path}",
        "/v1/notes/{id}");
    JsonNode get = paths.get("/v1/folders/{name.folders}/notes/{name.notes}").get("get");
    JsonNode folder = get.get("parameters").get(0);
    assertThat(folder.get("in").asText()).isEqualTo("path");
    assertThat(folder.get("required").asBoolean()).isTrue();
    assertThat(folder.get("description").asText())
        .contains("folders/{folder}/notes/{note}")
        .contains("Sets `name` to the text that matches `folders/*/notes/*`");
  }

  @Test
  void deepWildcardIsOneMultiSegmentParameter() throws IOException {
    JsonNode path = notes().get("paths").get("/v1/files/{path}").get("get")
        .get("parameters").get(0);
    assertThat(path.get("x-gangway-multi-segment").asBoolean()).isTrue();
    assertThat(path.get("description").asText()).contains("multi-segment");
  }

  @Test
  void wholeVariableTakesTheFieldsType() throws IOException {
    JsonNode id = notes().get("paths").get("/v1/notes/{id}").get("get").get("parameters").get(0);
    assertThat(id.get("schema").toString()).isEqualTo("{\"type\":\"string\",\"format\":\"int64\"}");
  }

  @Test
  void queryParametersComeFromUnboundFieldsNestedRepeatedAndEnums() throws IOException {
    JsonNode list = notes().get("paths").get("/v1/folders/{parent}/notes").get("get");
    Map<String, JsonNode> query = StreamSupport.stream(list.get("parameters").spliterator(), false)
        .filter(p -> p.get("in").asText().equals("query"))
        .collect(Collectors.toMap(p -> p.get("name").asText(), p -> p, (a, b) -> a,
            LinkedHashMap::new));
    assertThat(query.keySet()).containsExactly(
        "pageSize", "pageToken", "states", "near.city", "near.floor", "near.state", "since",
        "example.name", "example.title", "example.body", "example.views", "example.bytes", "example.state",
        "example.tags", "example.createTime", "example.readTime", "example.subtitle",
        "example.secret", "example.oldName", "example.url", "example.place.city",
        "example.place.floor", "example.place.state", "example.attachment", "example.score");
    assertThat(query.get("pageSize").get("description").asText()).isEqualTo("At most this many.");
    assertThat(query.get("states").get("schema").toString())
        .isEqualTo("{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/"
            + "gangway.openapi.v1.Note.State\"}}");
    assertThat(query.get("since").get("schema").get("format").asText()).isEqualTo("date-time");
  }

  @Test
  void bodyStarLeavesNoQueryParameters() throws IOException {
    JsonNode pin = notes().get("paths").get("/v1/folders/{name.folders}/notes/{name.notes}:pin")
        .get("post");
    assertThat(pin.get("parameters")).hasSize(2);
    assertThat(pin.get("requestBody").get("content").get("application/json").get("schema")
        .get("$ref").asText()).isEqualTo("#/components/schemas/gangway.openapi.v1.GetNoteRequest");
  }

  @Test
  void messagesInProto3JsonForm() throws IOException {
    JsonNode note = notes().get("components").get("schemas").get("gangway.openapi.v1.Note");
    JsonNode p = note.get("properties");
    assertThat(note.get("description").asText()).isEqualTo("A note.");
    assertThat(p.get("views").toString()).isEqualTo("{\"type\":\"string\",\"format\":\"int64\"}");
    assertThat(p.get("bytes").get("type").asText()).isEqualTo("string");
    assertThat(p.get("state").get("$ref").asText())
        .isEqualTo("#/components/schemas/gangway.openapi.v1.Note.State");
    assertThat(p.get("counters").toString()).isEqualTo("{\"type\":\"object\","
        + "\"additionalProperties\":{\"type\":\"integer\",\"format\":\"int32\"}}");
    assertThat(p.get("createTime").get("format").asText()).isEqualTo("date-time");
    assertThat(p.get("readTime").get("pattern").asText()).isEqualTo("^-?[0-9]+(\\.[0-9]{1,9})?s$");
    assertThat(p.get("subtitle").get("type").toString()).isEqualTo("[\"string\",\"null\"]");
    assertThat(p.get("extra").get("type").asText()).isEqualTo("object");
    assertThat(p.get("attachment").get("format").asText()).isEqualTo("byte");
    assertThat(p.has("oldName")).as("json_name").isTrue();
    assertThat(p.get("parentNote").get("$ref").asText())
        .isEqualTo("#/components/schemas/gangway.openapi.v1.Note");
  }

  @Test
  void enumsAreTheirNamesWithValueComments() throws IOException {
    JsonNode state =
        notes().get("components").get("schemas").get("gangway.openapi.v1.Note.State");
    assertThat(state.get("type").asText()).isEqualTo("string");
    assertThat(state.get("enum").toString())
        .isEqualTo("[\"STATE_UNSPECIFIED\",\"DRAFT\",\"PUBLISHED\"]");
    assertThat(state.get("description").asText())
        .isEqualTo("How far along a note is.\n\n- `DRAFT`: Being written.\n- `PUBLISHED`: Done.");
  }

  @Test
  void fieldBehaviorsBecomeRequiredReadOnlyAndWriteOnly() throws IOException {
    JsonNode note = notes().get("components").get("schemas").get("gangway.openapi.v1.Note");
    assertThat(note.get("required").toString()).isEqualTo("[\"title\"]");
    assertThat(note.get("properties").get("name").get("readOnly").asBoolean()).isTrue();
    assertThat(note.get("properties").get("createTime").get("readOnly").asBoolean()).isTrue();
    assertThat(note.get("properties").get("secret").get("writeOnly").asBoolean()).isTrue();
  }

  @Test
  void oneofAllowsAtMostOneMember() throws IOException {
    JsonNode note = notes().get("components").get("schemas").get("gangway.openapi.v1.Note");
    assertThat(note.get("allOf").toString()).isEqualTo("[{\"oneOf\":["
        + "{\"required\":[\"url\"]},{\"required\":[\"place\"]},"
        + "{\"not\":{\"anyOf\":[{\"required\":[\"url\"]},{\"required\":[\"place\"]}]}}]}]");
    assertThat(note.get("properties").get("url").get("description").asText())
        .isEqualTo("Member of oneof `where`: at most one of `url`, `place` is set.");
  }

  @Test
  void commentsBecomeSummaryDescriptionAndTags() throws IOException {
    JsonNode doc = notes();
    JsonNode get = doc.get("paths").get("/v1/folders/{name.folders}/notes/{name.notes}")
        .get("get");
    assertThat(get.get("summary").asText()).isEqualTo("Returns one note.");
    assertThat(get.get("description").asText())
        .isEqualTo("Returns one note. Notes are small.\n\nA second paragraph.");
    assertThat(get.get("operationId").asText()).isEqualTo("Notes_GetNote");
    assertThat(get.get("x-gangway-grpc-method").asText()).isEqualTo("gangway.openapi.v1.Notes/GetNote");
    assertThat(doc.get("tags").toString()).isEqualTo(
        "[{\"name\":\"gangway.openapi.v1.Notes\",\"description\":\"Notes in folders.\"}]");
  }

  @Test
  void errorsAreGoogleRpcStatus() throws IOException {
    JsonNode doc = notes();
    JsonNode error = doc.get("paths").get("/v1/notes/{id}").get("get").get("responses")
        .get("default").get("content").get("application/json").get("schema");
    assertThat(error.get("$ref").asText()).isEqualTo("#/components/schemas/google.rpc.Status");
    assertThat(names(doc.get("components").get("schemas").get("google.rpc.Status")
        .get("properties"))).containsExactly("code", "message", "details");
  }

  @Test
  void streamsAreMarked() throws IOException {
    JsonNode paths = notes().get("paths");
    JsonNode watch = paths.get("/v1/folders/{parent}/notes:watch").get("get");
    assertThat(watch.get("x-gangway-streaming").asText()).isEqualTo("server");
    assertThat(names(watch.get("responses").get("200").get("content")))
        .containsExactly("application/x-ndjson", "text/event-stream");
    JsonNode upload = paths.get("/v1/notes:upload").get("post");
    assertThat(upload.get("x-gangway-streaming").asText()).isEqualTo("client");
    assertThat(names(upload.get("requestBody").get("content")))
        .containsExactly("application/x-ndjson");
    JsonNode bidi = paths.get("/v1/notes:collaborate").get("post");
    assertThat(bidi.get("x-gangway-streaming").asText()).isEqualTo("bidi");
    assertThat(bidi.get("responses").get("101").get("description").asText())
        .contains("the only way to call a bidirectional stream");
  }

  @Test
  void rawBodiesAndResponseBodyFields() throws IOException {
    JsonNode paths = notes().get("paths");
    assertThat(names(paths.get("/v1/files/{path}").get("get").get("responses").get("200")
        .get("content"))).containsExactly("*/*");
    assertThat(paths.get("/v1/folders/{name.folders}/notes/{name.notes}:title").get("get")
        .get("responses").get("200").get("content").get("application/json").get("schema")
        .toString()).isEqualTo("{\"type\":\"string\"}");
  }

  @Test
  void protoNamesAndEnumNumbersFollowTheOptions() throws IOException {
    Transcoder t = transcoder(NOTES, TranscoderOptions.builder()
        .jsonFieldNames(TranscoderOptions.JsonFieldNames.PROTO_NAME).enumsAsNumbers(true).build());
    JsonNode schemas = MAPPER.readTree(json(t, bindings(t))).get("components").get("schemas");
    assertThat(schemas.get("gangway.openapi.v1.Note").get("properties").has("create_time"))
        .isTrue();
    assertThat(schemas.get("gangway.openapi.v1.Note.State").get("enum").toString())
        .isEqualTo("[0,1,2]");
  }

  /** The notes document with {@code facts} on every binding of {@code method}; checked valid. */
  private static JsonNode notesWith(String method, OperationFacts facts) throws IOException {
    Transcoder t = transcoder(NOTES, TranscoderOptions.DEFAULT);
    OpenApiBuilder builder = OpenApiBuilder.create(
        INFO, t.descriptors().comments(), t.options());
    for (MethodRoute route : t.routes()) {
      builder.addBinding(route.binding(), List.of(),
          route.method().getFullName().equals(method) ? facts : OperationFacts.PLAIN);
    }
    String json = write(builder.build());
    assertThat(problems(json)).isEmpty();
    return MAPPER.readTree(json);
  }

  private static OperationFacts facts(int status, String location, String etag, String ifMatch,
      String ifNoneMatch, String... headers) {
    return new OperationFacts(status, Optional.ofNullable(location), Optional.ofNullable(etag),
        Optional.ofNullable(ifMatch), Optional.ofNullable(ifNoneMatch), List.of(headers));
  }

  private static List<String> headerParameters(JsonNode operation) {
    List<String> out = new ArrayList<>();
    operation.path("parameters").forEach(p -> {
      if (p.get("in").asText().equals("header")) {
        out.add(p.get("name").asText());
      }
    });
    return out;
  }

  @Test
  void createdIsDocumentedWithLocationEtagAndMetadataHeaders() throws IOException {
    JsonNode post = notesWith("gangway.openapi.v1.Notes.CreateNote",
        facts(201, "/v1/{name}", "title", null, null, "x-note-version"))
        .get("paths").get("/v1/folders/{parent}/notes").get("post");

    JsonNode responses = post.get("responses");
    assertThat(names(responses)).containsExactly("201", "default");
    JsonNode created = responses.get("201");
    assertThat(created.get("description").asText()).isEqualTo("Created");
    assertThat(created.get("content").get("application/json").get("schema").get("$ref").asText())
        .isEqualTo("#/components/schemas/gangway.openapi.v1.Note");
    assertThat(names(created.get("headers"))).containsExactly("Location", "ETag", "x-note-version");
    assertThat(created.get("headers").get("Location").get("description").asText())
        .contains("`/v1/{name}`");
    assertThat(created.get("headers").get("ETag").get("description").asText())
        .contains("`title` field");
    assertThat(headerParameters(post)).isEmpty();
  }

  @Test
  void noContentHasNoContentAndAcceptedKeepsTheBody() throws IOException {
    JsonNode pin = notesWith("gangway.openapi.v1.Notes.PinNote", facts(204, null, null, null, null))
        .get("paths").get("/v1/folders/{name.folders}/notes/{name.notes}:pin").get("post");
    JsonNode accepted = notesWith("gangway.openapi.v1.Notes.PinNote",
        facts(202, null, null, null, null))
        .get("paths").get("/v1/folders/{name.folders}/notes/{name.notes}:pin").get("post");

    assertThat(names(pin.get("responses"))).containsExactly("204", "default");
    assertThat(pin.get("responses").get("204").has("content")).isFalse();
    assertThat(pin.get("responses").get("204").has("headers")).isFalse();
    assertThat(names(accepted.get("responses"))).containsExactly("202", "default");
    assertThat(accepted.get("responses").get("202").has("content")).isTrue();
  }

  @Test
  void anEtagOnAGetAddsIfNoneMatchAnd304() throws IOException {
    JsonNode paths = notesWith("gangway.openapi.v1.Notes.GetNote",
        facts(200, null, "title", null, null)).get("paths");

    for (String path : List.of("/v1/folders/{name.folders}/notes/{name.notes}", "/v1/notes/{id}")) {
      JsonNode get = paths.get(path).get("get");
      assertThat(names(get.get("responses"))).as(path).containsExactly("200", "304", "default");
      assertThat(get.get("responses").get("304").has("content")).isFalse();
      assertThat(names(get.get("responses").get("304").get("headers"))).containsExactly("ETag");
      assertThat(names(get.get("responses").get("200").get("headers"))).containsExactly("ETag");
      assertThat(headerParameters(get)).as(path).containsExactly("If-None-Match");
    }
    JsonNode ifNoneMatch = parameter(paths.get("/v1/notes/{id}").get("get"), "If-None-Match");
    assertThat(ifNoneMatch.get("in").asText()).isEqualTo("header");
    assertThat(ifNoneMatch.get("required").asBoolean()).isFalse();
    assertThat(ifNoneMatch.get("description").asText()).contains("304 Not Modified");
  }

  @Test
  void conditionalHeadersBoundToFieldsAreHeaderParameters() throws IOException {
    JsonNode patch = notesWith("gangway.openapi.v1.Notes.UpdateNote",
        facts(200, null, "title", "note.title", "note.body"))
        .get("paths").get("/v1/folders/{name.folders}/notes/{name.notes}");
    JsonNode update = patch == null ? null : patch.get("patch");

    assertThat(update).isNotNull();
    assertThat(headerParameters(update)).containsExactly("If-Match", "If-None-Match");
    assertThat(names(update.get("responses"))).as("no 304 on a PATCH")
        .containsExactly("200", "default");
    JsonNode ifMatch = parameter(update, "If-Match");
    assertThat(ifMatch.get("description").asText()).contains("request field `note.title`");
  }

  @Test
  void streamsKeepTheirAnswersAndAClientStreamReadsNoConditionalHeaders() throws IOException {
    JsonNode watch = notesWith("gangway.openapi.v1.Notes.WatchNotes",
        facts(201, "/v1/{name}", "title", null, "parent")).get("paths")
        .get("/v1/folders/{parent}/notes:watch").get("get");
    JsonNode upload = notesWith("gangway.openapi.v1.Notes.UploadNotes",
        facts(204, null, null, "name", null)).get("paths").get("/v1/notes:upload").get("post");

    assertThat(names(watch.get("responses"))).containsExactly("200", "101", "default");
    assertThat(watch.get("responses").get("200").has("headers")).isFalse();
    assertThat(headerParameters(watch)).containsExactly("If-None-Match");
    assertThat(names(upload.get("responses"))).containsExactly("200", "101", "default");
    assertThat(headerParameters(upload)).isEmpty();
  }

  @Test
  void anUpdateMaskFilledFromTheBodySaysSo() throws IOException {
    JsonNode update = notes().get("paths")
        .get("/v1/folders/{name.folders}/notes/{name.notes}").get("patch");
    Transcoder off = transcoder(NOTES, TranscoderOptions.builder().fillUpdateMask(false).build());
    JsonNode plain = MAPPER.readTree(json(off, bindings(off))).get("paths")
        .get("/v1/folders/{name.folders}/notes/{name.notes}").get("patch");

    assertThat(parameter(update, "updateMask").get("description").asText())
        .contains("the gateway fills it with the JSON body's keys");
    assertThat(parameter(plain, "updateMask").has("description")).isFalse();
  }

  private static JsonNode parameter(JsonNode operation, String name) {
    for (JsonNode p : operation.get("parameters")) {
      if (p.get("name").asText().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("no parameter " + name + " in " + operation);
  }

  @Test
  void plainFactsWriteTheSameDocumentAsNoFacts() {
    Transcoder t = transcoder(NOTES, TranscoderOptions.DEFAULT);
    OpenApiBuilder builder = OpenApiBuilder.create(INFO, t.descriptors().comments(), t.options());
    bindings(t).forEach(b -> builder.addBinding(b, List.of(), OperationFacts.PLAIN));

    assertThat(write(builder.build())).isEqualTo(json(t, bindings(t)));
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
