package dev.gangway.transcoder.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.UnknownFieldSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Comments survive loading; the rest of SourceCodeInfo and unknown option fields do not. */
class ProtoCommentsTest {

  private static SourceCodeInfo.Location location(String leading, String trailing, int... path) {
    SourceCodeInfo.Location.Builder location = SourceCodeInfo.Location.newBuilder()
        .addAllSpan(List.of(1, 2, 3));
    for (int p : path) {
      location.addPath(p);
    }
    if (leading != null) {
      location.setLeadingComments(leading);
    }
    if (trailing != null) {
      location.setTrailingComments(trailing);
    }
    return location.addLeadingDetachedComments(" detached\n").build();
  }

  static LoadedDescriptors loadCommented() {
    return DescriptorLoader.load(List.of(DescriptorSource.bytes("doc.pb", commentedSet())));
  }

  /** A set of one file with every kind of element commented and an unknown field option. */
  static byte[] commentedSet() {
    FieldOptions withUnknown = FieldOptions.newBuilder()
        .setUnknownFields(UnknownFieldSet.newBuilder()
            .addField(1052, UnknownFieldSet.Field.newBuilder().addVarint(2).build()).build())
        .build();
    FileDescriptorProto file = FileDescriptorProto.newBuilder()
        .setName("doc/shelves.proto").setPackage("doc").setSyntax("proto3")
        .addMessageType(DescriptorProto.newBuilder().setName("Shelf")
            .addField(FieldDescriptorProto.newBuilder().setName("name").setNumber(1)
                .setType(FieldDescriptorProto.Type.TYPE_STRING).setOptions(withUnknown))
            .addNestedType(DescriptorProto.newBuilder().setName("Label")))
        .addEnumType(EnumDescriptorProto.newBuilder().setName("Kind")
            .addValue(EnumValueDescriptorProto.newBuilder().setName("KIND_UNSPECIFIED")))
        .addService(ServiceDescriptorProto.newBuilder().setName("Shelves")
            .addMethod(MethodDescriptorProto.newBuilder().setName("GetShelf")
                .setInputType(".doc.Shelf").setOutputType(".doc.Shelf")))
        .setSourceCodeInfo(SourceCodeInfo.newBuilder()
            .addLocation(location(null, null, 4, 0))
            .addLocation(location(" A shelf of books.\n", null, 4, 0))
            .addLocation(location(null, " Its resource name.\n", 4, 0, 2, 0))
            .addLocation(location(" A label.\n", null, 4, 0, 3, 0))
            .addLocation(location(" What it is.\n", null, 5, 0))
            .addLocation(location(" Not set.\n", null, 5, 0, 2, 0))
            .addLocation(location(" Shelves.\n", null, 6, 0))
            .addLocation(location(" Gets a shelf.\n", " (trailing)\n", 6, 0, 2, 0))
            .addLocation(location(" the package line\n", null, 2)))
        .build();
    return FileDescriptorSet.newBuilder().addFile(file).build().toByteArray();
  }

  @Test
  void commentsOfEveryKindOfElementAreKept() {
    LoadedDescriptors loaded = loadCommented();
    FileDescriptor file = loaded.files().get(0);
    Descriptor shelf = file.findMessageTypeByName("Shelf");
    ProtoComments comments = loaded.comments();

    assertThat(loaded.problems()).isEmpty();
    assertThat(comments.of(shelf)).hasValue(" A shelf of books.\n");
    assertThat(comments.of(shelf.findFieldByName("name"))).hasValue(" Its resource name.\n");
    assertThat(comments.of(shelf.getNestedTypes().get(0))).hasValue(" A label.\n");
    assertThat(comments.of(file.findEnumTypeByName("Kind"))).hasValue(" What it is.\n");
    assertThat(comments.of(file.findEnumTypeByName("Kind").getValues().get(0)))
        .hasValue(" Not set.\n");
    assertThat(comments.of(file.getServices().get(0))).hasValue(" Shelves.\n");
    assertThat(comments.of(file.getServices().get(0).getMethods().get(0)))
        .hasValue(" Gets a shelf.\n");
    assertThat(comments.of(file)).isEmpty();
    assertThat(comments.files()).isEqualTo(1);
  }

  @Test
  void sourceInfoAndUnknownOptionFieldsAreNotKept() {
    FileDescriptor file = loadCommented().files().get(0);

    assertThat(file.toProto().hasSourceCodeInfo()).isFalse();
    assertThat(file.findMessageTypeByName("Shelf").findFieldByName("name").getOptions()
        .getUnknownFields().asMap()).isEmpty();
  }

  @Test
  void aSetWithoutSourceInfoHasNoComments() {
    assertThat(DescriptorLoader.load(List.of(DescriptorSource.path(TestSets.TEST_SET)))
        .comments().files()).isZero();
  }

  /** A file {@code name} with one message (a oneof, a nested enum) and the given locations. */
  private static FileDescriptorProto file(String name, SourceCodeInfo.Location... locations) {
    return FileDescriptorProto.newBuilder()
        .setName(name).setPackage(name.replace('/', '_').replace(".proto", "")).setSyntax("proto3")
        .addMessageType(DescriptorProto.newBuilder().setName("Book")
            .addField(FieldDescriptorProto.newBuilder().setName("title").setNumber(1)
                .setType(FieldDescriptorProto.Type.TYPE_STRING).setOneofIndex(0))
            .addOneofDecl(com.google.protobuf.DescriptorProtos.OneofDescriptorProto.newBuilder()
                .setName("label"))
            .addEnumType(EnumDescriptorProto.newBuilder().setName("Cover")
                .addValue(EnumValueDescriptorProto.newBuilder().setName("COVER_UNSPECIFIED"))))
        .setSourceCodeInfo(SourceCodeInfo.newBuilder().addAllLocation(List.of(locations)))
        .build();
  }

  private static LoadedDescriptors load(FileDescriptorProto... files) {
    return DescriptorLoader.load(List.of(DescriptorSource.bytes("doc.pb",
        FileDescriptorSet.newBuilder().addAllFile(List.of(files)).build().toByteArray())));
  }

  @Test
  void oneofsNestedEnumsAndTheirValuesHaveTheirComments() {
    LoadedDescriptors loaded = load(file("a.proto",
        location(" Which label.\n", null, 4, 0, 8, 0),
        location(" The cover.\n", null, 4, 0, 4, 0),
        location(" Not set.\n", null, 4, 0, 4, 0, 2, 0)));
    Descriptor book = loaded.files().get(0).getMessageTypes().get(0);

    assertThat(loaded.comments().of(book.getOneofs().get(0))).hasValue(" Which label.\n");
    assertThat(loaded.comments().of(book.getEnumTypes().get(0))).hasValue(" The cover.\n");
    assertThat(loaded.comments().of(book.getEnumTypes().get(0).getValues().get(0)))
        .hasValue(" Not set.\n");
    assertThat(loaded.comments().of(book)).isEmpty();
    assertThat(loaded.comments().elements()).isEqualTo(3);
  }

  @Test
  void lookupsThatAlternateBetweenFilesGetEachFilesOwnComment() {
    String longText = " Größe: " + "a long comment that needs two bytes for its length. ".repeat(5);
    LoadedDescriptors loaded = load(
        file("a.proto", location(" Book of a.\n", null, 4, 0)),
        file("b.proto", location(longText, null, 4, 0), location(" Title of b.\n", null, 4, 0, 2, 0)));
    Descriptor a = loaded.files().get(0).getMessageTypes().get(0);
    Descriptor b = loaded.files().get(1).getMessageTypes().get(0);

    for (int i = 0; i < 3; i++) {
      assertThat(loaded.comments().of(a)).hasValue(" Book of a.\n");
      assertThat(loaded.comments().of(b)).hasValue(longText);
      assertThat(loaded.comments().of(b.getFields().get(0))).hasValue(" Title of b.\n");
    }
    assertThat(loaded.comments().files()).isEqualTo(2);
  }

  @Test
  void pathsThatNameNoElementAreIgnored() {
    LoadedDescriptors loaded = load(file("a.proto",
        location(" out of range\n", null, 4, 7),
        location(" a reserved range\n", null, 4, 0, 9, 0),
        location(" below a field\n", null, 4, 0, 2, 0, 8, 0),
        location(" an option\n", null, 4, 0, 7),
        location(" The title.\n", null, 4, 0, 2, 0)));
    Descriptor book = loaded.files().get(0).getMessageTypes().get(0);

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.comments().of(book.getFields().get(0))).hasValue(" The title.\n");
    assertThat(loaded.comments().elements()).isEqualTo(1);
  }

  @Test
  void aDescriptorFromAnotherLoadHasNoComment() {
    FileDescriptorProto a = file("a.proto", location(" Book.\n", null, 4, 0));
    LoadedDescriptors first = load(a);
    LoadedDescriptors second = load(a);

    assertThat(first.comments().of(second.files().get(0).getMessageTypes().get(0))).isEmpty();
    assertThat(second.comments().of(second.files().get(0).getMessageTypes().get(0)))
        .hasValue(" Book.\n");
  }
}
