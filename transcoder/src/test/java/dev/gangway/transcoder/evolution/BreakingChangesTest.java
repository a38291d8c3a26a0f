package dev.gangway.transcoder.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.AnnotationsProto;
import com.google.api.FieldBehavior;
import com.google.api.FieldBehaviorProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import dev.gangway.transcoder.options.TranscoderOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Each test edits library.proto (as protoc wrote it) the way a careless proto change would,
 * loads both generations through the real loader and compares them.
 */
class BreakingChangesTest {
  private static final Path TEST_SET = Path.of("target/test-descriptors/test.binpb");
  private static final String LIBRARY = "gangway/test/library.proto";
  private static final String PKG = "gangway.test.library.v1.";

  private static List<String> changes(UnaryOperator<FileDescriptorProto.Builder> edit)
      throws IOException {
    // With the registry, so that edits to google.api.http replace the option instead of adding a
    // second copy beside its unknown-field bytes.
    com.google.protobuf.ExtensionRegistry registry = com.google.protobuf.ExtensionRegistry.newInstance();
    AnnotationsProto.registerAllExtensions(registry);
    FileDescriptorSet served = FileDescriptorSet.parseFrom(Files.readAllBytes(TEST_SET), registry);
    FileDescriptorSet.Builder next = served.toBuilder();
    for (FileDescriptorProto.Builder file : next.getFileBuilderList()) {
      if (file.getName().equals(LIBRARY)) {
        edit.apply(file);
      }
    }
    return BreakingChanges.between(transcoder("served", served), transcoder("next", next.build()))
        .stream().map(BreakingChange::toString).toList();
  }

  private static Transcoder transcoder(String name, FileDescriptorSet set) {
    var loaded = DescriptorLoader.load(List.of(DescriptorSource.bytes(name, set.toByteArray())));
    assertThat(loaded.problems()).as(name).isEmpty();
    return Transcoder.build(loaded, TranscoderOptions.DEFAULT);
  }

  private static DescriptorProto.Builder message(FileDescriptorProto.Builder file, String name) {
    return file.getMessageTypeBuilderList().stream()
        .filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
  }

  private static FieldDescriptorProto.Builder field(
      FileDescriptorProto.Builder file, String message, String name) {
    return message(file, message).getFieldBuilderList().stream()
        .filter(f -> f.getName().equals(name)).findFirst().orElseThrow();
  }

  private static ServiceDescriptorProto.Builder library(FileDescriptorProto.Builder file) {
    return file.getServiceBuilder(0);
  }

  private static MethodDescriptorProto.Builder method(FileDescriptorProto.Builder file, String name) {
    return library(file).getMethodBuilderList().stream()
        .filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
  }

  private static void require(FieldDescriptorProto.Builder field) {
    field.getOptionsBuilder().addExtension(FieldBehaviorProto.fieldBehavior, FieldBehavior.REQUIRED);
  }

  @Test
  void sameGenerationBreaksNothing() throws IOException {
    assertThat(changes(file -> file)).isEmpty();
  }

  @Test
  void additionsBreakNothing() throws IOException {
    assertThat(changes(file -> {
      message(file, "Book").addField(FieldDescriptorProto.newBuilder().setName("isbn")
          .setNumber(42).setType(FieldDescriptorProto.Type.TYPE_STRING));
      file.getEnumTypeBuilder(0).addValue(
          com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto.newBuilder()
              .setName("POETRY").setNumber(4));
      library(file).addMethod(method(file, "GetShelf").build().toBuilder().setName("GetShelf2")
          .clearOptions());
      return file;
    })).isEmpty();
  }

  @Test
  void removedMethodListsTheMethodAndItsRoutes() throws IOException {
    List<String> found = changes(file -> {
      ServiceDescriptorProto.Builder service = library(file);
      for (int i = 0; i < service.getMethodCount(); i++) {
        if (service.getMethod(i).getName().equals("GetBook")) {
          service.removeMethod(i);
        }
      }
      return file;
    });
    assertThat(found).containsExactly(
        "route removed: GET /v1/books/{name=**} -> " + PKG + "Library.GetBook"
            + " (no route with this method and template calls this gRPC method)",
        "route removed: GET /v1/{name=shelves/*/books/*} -> " + PKG + "Library.GetBook"
            + " (no route with this method and template calls this gRPC method)",
        "route removed: POST /" + PKG + "Library/GetBook -> " + PKG + "Library.GetBook"
            + " (no route with this method and template calls this gRPC method)",
        "method removed: " + PKG + "Library.GetBook (not in the new descriptors)");
  }

  @Test
  void changedHttpRuleRemovesTheOldRoute() throws IOException {
    List<String> found = changes(file -> {
      method(file, "GetShelf").getOptionsBuilder().setExtension(AnnotationsProto.http,
          HttpRule.newBuilder().setGet("/v2/{name=shelves/*}").build());
      return file;
    });
    assertThat(found).containsExactly("route removed: GET /v1/{name=shelves/*} -> " + PKG
        + "Library.GetShelf (no route with this method and template calls this gRPC method)");
  }

  @Test
  void renumberedAndRetypedFieldsAreListed() throws IOException {
    List<String> found = changes(file -> {
      field(file, "Book", "title").setNumber(30);
      field(file, "Book", "page_count").setType(FieldDescriptorProto.Type.TYPE_STRING);
      field(file, "Book", "tags").setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
      return file;
    });
    assertThat(found).containsExactly(
        "field number changed: " + PKG + "Book.title (3 -> 30)",
        "field type changed: " + PKG + "Book.page_count (int64 -> string)",
        "field type changed: " + PKG + "Book.tags (repeated string -> string)");
  }

  @Test
  void removedAndRenamedFieldsAreListed() throws IOException {
    List<String> found = changes(file -> {
      DescriptorProto.Builder shelf = message(file, "Shelf");
      shelf.removeField(1); // theme = 2
      field(file, "Shelf", "name").setName("display_name").setJsonName("displayName");
      return file;
    });
    assertThat(found).containsExactly(
        "field removed: " + PKG + "Shelf.name (number 1 is now display_name)",
        "field removed: " + PKG + "Shelf.theme (number 2 is gone)");
  }

  @Test
  void removedOrRenumberedEnumValuesAreListed() throws IOException {
    List<String> found = changes(file -> {
      EnumDescriptorProto.Builder genre = file.getEnumTypeBuilder(0);
      genre.removeValue(3); // SCIENCE = 3
      genre.getValueBuilder(2).setNumber(7); // HISTORY = 2 -> 7
      return file;
    });
    assertThat(found).containsExactly(
        "enum value removed: " + PKG + "Genre.HISTORY (number 2 -> 7)",
        "enum value removed: " + PKG + "Genre.SCIENCE (number 3 is gone)");
  }

  @Test
  void newlyRequiredRequestFieldsAreListedNotResponseOnes() throws IOException {
    List<String> found = changes(file -> {
      require(field(file, "DeleteShelfRequest", "force"));
      message(file, "ArchiveBookRequest").addField(FieldDescriptorProto.newBuilder()
          .setName("ticket").setNumber(9).setType(FieldDescriptorProto.Type.TYPE_STRING));
      require(message(file, "ArchiveBookRequest").getFieldBuilder(2));
      // Only ever a response: a REQUIRED field there is the server's promise, not the client's.
      require(field(file, "ListShelvesResponse", "next_page_token"));
      return file;
    });
    assertThat(found).containsExactly(
        "field newly required: " + PKG + "ArchiveBookRequest.ticket (new field, REQUIRED)",
        "field newly required: " + PKG + "DeleteShelfRequest.force (now REQUIRED)");
  }

  @Test
  void changedRequestTypeIsAMethodChangeNotAFieldList() throws IOException {
    List<String> found = changes(file -> {
      method(file, "CountBooks").setInputType("." + PKG + "GetBookRequest")
          .setServerStreaming(true);
      return file;
    });
    assertThat(found).containsExactly("method changed: " + PKG + "Library.CountBooks ((" + PKG
        + "ListBooksRequest) returns (" + PKG + "CountBooksResponse) -> (" + PKG
        + "GetBookRequest) returns (stream " + PKG + "CountBooksResponse))");
  }

  @Test
  void recursiveMessagesEnd() throws IOException {
    // ListBooksResponse -> Book; a self-reference must not loop.
    List<String> found = changes(file -> {
      message(file, "Book").addField(FieldDescriptorProto.newBuilder().setName("sequel")
          .setNumber(43).setType(FieldDescriptorProto.Type.TYPE_MESSAGE)
          .setTypeName("." + PKG + "Book"));
      return file;
    });
    assertThat(found).isEmpty();
  }
}
