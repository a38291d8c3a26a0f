package dev.gangway.transcoder.descriptor;

import static dev.gangway.transcoder.descriptor.TestSets.TEST_SET;
import static dev.gangway.transcoder.descriptor.TestSets.file;
import static dev.gangway.transcoder.descriptor.TestSets.setOf;
import static dev.gangway.transcoder.descriptor.TestSets.testFile;
import static dev.gangway.transcoder.descriptor.TestSets.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.Edition;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptorLoaderProblemsTest {
  private static final String NOT_A_SET =
      "is not a binary FileDescriptorSet (protoc --descriptor_set_out writes one)";

  @TempDir Path dir;

  private static LoadedDescriptors load(DescriptorSource... sources) {
    return DescriptorLoader.load(List.of(sources));
  }

  private static List<String> names(LoadedDescriptors loaded) {
    return loaded.files().stream().map(FileDescriptor::getName).toList();
  }

  @Test
  void missingPathIsAProblemNamingIt() {
    Path missing = dir.resolve("nope.binpb");

    LoadedDescriptors loaded = load(DescriptorSource.path(missing));

    assertThat(loaded.problems())
        .containsExactly(new LoadProblem(missing.toString(), "does not exist"));
    assertThat(loaded.sources()).isEmpty();
  }

  @Test
  void emptyFileIsNotADescriptorSet() {
    Path empty = write(dir, "empty.binpb", new byte[0]);

    assertThat(load(DescriptorSource.path(empty)).problems())
        .containsExactly(
            new LoadProblem(empty.toString(), "is empty, expected a binary FileDescriptorSet"));
  }

  @Test
  void textFileIsNotADescriptorSet() {
    Path text =
        write(
            dir,
            "text.pb",
            "syntax = \"proto3\";\nmessage A {}\n".getBytes(StandardCharsets.UTF_8));

    assertThat(load(DescriptorSource.path(text)).problems())
        .containsExactly(new LoadProblem(text.toString(), NOT_A_SET));
  }

  @Test
  void bytesThatParseButHoldNoFilesAreNotADescriptorSet() {
    // Field 2, varint 1: valid wire format, but not a field of FileDescriptorSet.
    LoadedDescriptors loaded = load(DescriptorSource.bytes("odd", new byte[] {0x10, 0x01}));

    assertThat(loaded.problems()).containsExactly(new LoadProblem("odd", NOT_A_SET));
  }

  @Test
  void fileWithoutANameIsNotADescriptorSet() {
    // Field 1 holding an empty FileDescriptorProto: parses, but no real set has a nameless file.
    LoadedDescriptors loaded = load(DescriptorSource.bytes("nameless", new byte[] {0x0a, 0x00}));

    assertThat(loaded.problems()).containsExactly(new LoadProblem("nameless", NOT_A_SET));
  }

  @Test
  void otherSourcesStillLoadNextToABadOne() {
    LoadedDescriptors loaded =
        load(
            DescriptorSource.bytes("garbage", new byte[] {(byte) 0xff, (byte) 0xff, 0x00}),
            DescriptorSource.path(TEST_SET));

    assertThat(loaded.problems()).containsExactly(new LoadProblem("garbage", NOT_A_SET));
    assertThat(loaded.sources()).containsExactly(TEST_SET.toString());
    assertThat(loaded.services()).hasSize(2);
  }

  @Test
  void sameFileTwiceWithSameContentLoadsOnceSilently() {
    LoadedDescriptors loaded =
        load(DescriptorSource.path(TEST_SET), DescriptorSource.path(TEST_SET));

    assertThat(loaded.problems()).isEmpty();
    assertThat(names(loaded))
        .containsExactly("gangway/test/kitchen.proto", "gangway/test/library.proto");
    assertThat(loaded.services()).hasSize(2);
  }

  @Test
  void copyWithSourceInfoIsTheSameDefinition() {
    FileDescriptorProto library = testFile("gangway/test/library.proto");
    FileDescriptorProto withComments =
        library.toBuilder()
            .setSourceCodeInfo(
                SourceCodeInfo.newBuilder()
                    .addLocation(
                        SourceCodeInfo.Location.newBuilder().addSpan(1).addSpan(2).addSpan(3)))
            .build();

    LoadedDescriptors loaded =
        load(
            DescriptorSource.bytes("plain", setOf(library)),
            DescriptorSource.bytes("commented", setOf(withComments)));

    assertThat(loaded.problems()).isEmpty();
    assertThat(names(loaded)).containsExactly("gangway/test/library.proto");
  }

  @Test
  void sameFileWithDifferentContentIsAProblemNamingBothSourcesAndFirstWins() {
    FileDescriptorProto library = testFile("gangway/test/library.proto");
    FileDescriptorProto changed =
        library.toBuilder().addMessageType(DescriptorProto.newBuilder().setName("Extra")).build();

    LoadedDescriptors loaded =
        load(DescriptorSource.path(TEST_SET), DescriptorSource.bytes("changed", setOf(changed)));

    assertThat(loaded.problems())
        .containsExactly(
            new LoadProblem(
                "changed",
                "gangway/test/library.proto is defined differently in "
                    + TEST_SET
                    + " and changed; using the one from "
                    + TEST_SET));
    assertThat(loaded.findMessage("gangway.test.library.v1.Extra")).isEmpty();
    assertThat(loaded.findMessage("gangway.test.library.v1.Book")).isPresent();
  }

  @Test
  void setCopiesOfBuiltinFilesAreIgnoredEvenWhenTheyDiffer() {
    FileDescriptorProto timestamp = testFile("google/protobuf/timestamp.proto");
    FileDescriptorProto tampered =
        timestamp.toBuilder().addMessageType(DescriptorProto.newBuilder().setName("Extra")).build();

    LoadedDescriptors loaded = load(DescriptorSource.bytes("tampered", setOf(tampered)));

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.files()).isEmpty();
    assertThat(loaded.findMessage("google.protobuf.Extra")).isEmpty();
  }

  @Test
  void missingImportIsAProblemNamingTheFileAndTheImport() {
    FileDescriptorProto b = file("dep/b.proto", "B", "dep.A", "dep/a.proto");

    LoadedDescriptors loaded = load(DescriptorSource.bytes("b-only", setOf(b)));

    assertThat(loaded.problems())
        .containsExactly(
            new LoadProblem(
                "b-only",
                "dep/b.proto imports dep/a.proto, which is in none of the loaded descriptor sets"
                    + " (build them with --include_imports, or add the set that has it)"));
    assertThat(loaded.files()).isEmpty();
  }

  @Test
  void filesImportingABrokenFileAreReportedToo() {
    FileDescriptorProto a = file("dep/a.proto", "A", "dep.Missing");
    FileDescriptorProto b = file("dep/b.proto", "B", "dep.A", "dep/a.proto");
    FileDescriptorProto c = file("dep/c.proto", "C", "dep.B", "dep/b.proto");
    FileDescriptorProto fine = file("dep/fine.proto", "Fine", null);

    LoadedDescriptors loaded = load(DescriptorSource.bytes("set", setOf(c, fine, b, a)));

    assertThat(loaded.problems())
        .containsExactly(
            new LoadProblem(
                "set", "dep/a.proto is invalid: dep.A.ref: \".dep.Missing\" is not defined."),
            new LoadProblem("set", "dep/b.proto imports dep/a.proto, which failed to load"),
            new LoadProblem("set", "dep/c.proto imports dep/b.proto, which failed to load"));
    assertThat(names(loaded)).containsExactly("dep/fine.proto");
  }

  @Test
  void fileFromAnUnsupportedEditionIsAProblem() {
    FileDescriptorProto future =
        FileDescriptorProto.newBuilder()
            .setName("dep/future.proto")
            .setSyntax("editions")
            .setEdition(Edition.EDITION_99999_TEST_ONLY)
            .build();

    assertThat(load(DescriptorSource.bytes("future", setOf(future))).problems())
        .containsExactly(
            new LoadProblem(
                "future",
                "dep/future.proto is invalid: Edition EDITION_99999_TEST_ONLY is greater than the"
                    + " maximum supported edition EDITION_2026!"));
  }

  @Test
  void malformedFileThatCrashesProtobufIsAProblemNotAnException() {
    FileDescriptorProto untyped =
        file("dep/untyped.proto", "A", null).toBuilder()
            .setMessageType(
                0,
                DescriptorProto.newBuilder()
                    .setName("A")
                    .addField(FieldDescriptorProto.newBuilder().setName("f").setNumber(1)))
            .build();

    LoadedDescriptors loaded =
        load(DescriptorSource.bytes("untyped", setOf(untyped)), DescriptorSource.path(TEST_SET));

    assertThat(loaded.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.subject()).isEqualTo("untyped");
              assertThat(p.message())
                  .startsWith(
                      "dep/untyped.proto is malformed; protobuf-java cannot build it"
                          + " (java.lang.NullPointerException");
            });
    assertThat(loaded.services()).hasSize(2);
  }

  @Test
  void importCycleIsAProblemForEveryFileInIt() {
    FileDescriptorProto a = file("dep/a.proto", "A", "dep.B", "dep/b.proto");
    FileDescriptorProto b = file("dep/b.proto", "B", "dep.A", "dep/a.proto");

    LoadedDescriptors loaded = load(DescriptorSource.bytes("cyclic", setOf(a, b)));

    assertThat(loaded.problems())
        .containsExactly(
            new LoadProblem(
                "cyclic",
                "dep/b.proto is part of an import cycle: dep/a.proto -> dep/b.proto ->"
                    + " dep/a.proto"),
            new LoadProblem("cyclic", "dep/a.proto imports dep/b.proto, which failed to load"));
    assertThat(loaded.files()).isEmpty();
  }

  @Test
  void fileImportingItselfIsACycle() {
    FileDescriptorProto a = file("dep/a.proto", "A", null, "dep/a.proto");

    assertThat(load(DescriptorSource.bytes("self", setOf(a))).problems())
        .containsExactly(
            new LoadProblem(
                "self", "dep/a.proto is part of an import cycle: dep/a.proto -> dep/a.proto"));
  }

  @Test
  void sameMessageNameInUnrelatedFilesIsAProblemAndTheFirstFileWins() {
    FileDescriptorProto one = file("dep/one.proto", "Twin", null);
    FileDescriptorProto two =
        file(
            "dep/two.proto",
            "Twin",
            "google.protobuf.Timestamp",
            "google/protobuf/timestamp.proto");

    LoadedDescriptors loaded =
        load(
            DescriptorSource.bytes("first", setOf(one)),
            DescriptorSource.bytes("second", setOf(two)));

    assertThat(loaded.problems())
        .containsExactly(
            new LoadProblem(
                "second",
                "message dep.Twin of dep/two.proto is also defined in dep/one.proto;"
                    + " using the one from dep/one.proto"));
    assertThat(loaded.findMessage("dep.Twin").orElseThrow().getFile().getName())
        .isEqualTo("dep/one.proto");
    assertThat(names(loaded)).containsExactly("dep/one.proto", "dep/two.proto");
  }

  @Test
  void unreadableEntryInADirectoryIsAProblemNamingIt() throws Exception {
    // A directory where a set file is expected: unreadable as a file even for root.
    Path notAFile = Files.createDirectory(dir.resolve("x.binpb"));
    Files.copy(TEST_SET, dir.resolve("y.binpb"));

    LoadedDescriptors loaded = load(DescriptorSource.path(dir));

    assertThat(loaded.problems())
        .containsExactly(
            new LoadProblem(
                notAFile.toString(),
                "is a directory, not a descriptor set file (subdirectories are not searched)"));
    assertThat(loaded.services()).hasSize(2);
  }

  @Test
  void directoryWithoutDescriptorSetsIsAProblem() throws Exception {
    write(dir, "readme.txt", "not a set".getBytes(StandardCharsets.UTF_8));

    assertThat(load(DescriptorSource.path(dir)).problems())
        .containsExactly(
            new LoadProblem(
                dir.toString(),
                "contains no descriptor sets (looked for files ending in"
                    + " .pb, .binpb, .desc, .protoset)"));
  }

  @Test
  void aMapEntryTypeWithoutItsValueFieldIsRefusedAsAProblem() {
    // protoc never writes it, protobuf-java builds it, and every map reader assumes key and value
    // (DescriptorSetFuzz found it crashing the transcoder build).
    DescriptorProto entry = DescriptorProto.newBuilder()
        .setName("LabelsEntry")
        .setOptions(MessageOptions.newBuilder().setMapEntry(true))
        .addField(FieldDescriptorProto.newBuilder().setName("key").setNumber(1)
            .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
            .setType(FieldDescriptorProto.Type.TYPE_STRING))
        .build();
    FileDescriptorProto file = FileDescriptorProto.newBuilder()
        .setName("maps.proto").setPackage("maps").setSyntax("proto3")
        .addMessageType(DescriptorProto.newBuilder().setName("Item")
            .addNestedType(entry)
            .addField(FieldDescriptorProto.newBuilder().setName("labels").setNumber(1)
                .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED)
                .setType(FieldDescriptorProto.Type.TYPE_MESSAGE)
                .setTypeName(".maps.Item.LabelsEntry")))
        .build();

    LoadedDescriptors loaded = load(DescriptorSource.bytes("maps", setOf(file)));

    assertThat(loaded.problems()).containsExactly(new LoadProblem("maps",
        "maps.proto is malformed: map entry type maps.Item.LabelsEntry does not have exactly the"
            + " fields key = 1 and value = 2"));
    assertThat(names(loaded)).isEmpty();
  }
}
