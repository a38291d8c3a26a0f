package dev.gangway.transcoder.descriptor;

import static dev.gangway.transcoder.descriptor.TestSets.file;
import static dev.gangway.transcoder.descriptor.TestSets.setOf;
import static dev.gangway.transcoder.descriptor.TestSets.testFile;
import static dev.gangway.transcoder.descriptor.TestSets.testFiles;
import static dev.gangway.transcoder.descriptor.TestSets.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptorLoaderDirectoryTest {
  @TempDir Path dir;

  private static List<String> names(LoadedDescriptors loaded) {
    return loaded.files().stream().map(FileDescriptor::getName).toList();
  }

  @Test
  void loadsEveryFileOfTestSetAsItsOwnSetInReverseDependencyOrder() {
    // One set per file, named so that importers sort before what they import.
    List<FileDescriptorProto> files = testFiles();
    for (int i = 0; i < files.size(); i++) {
      write(dir, String.format("%02d.binpb", files.size() - i), setOf(files.get(i)));
    }

    LoadedDescriptors loaded = DescriptorLoader.load(List.of(DescriptorSource.path(dir)));

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.sources()).hasSize(files.size()).isSorted();
    assertThat(loaded.services().stream().map(ServiceDescriptor::getFullName))
        .containsExactly("gangway.test.kitchen.Kitchen", "gangway.test.library.v1.Library");
  }

  @Test
  void loadsSetsWithAndWithoutTheirImportsSideBySide() {
    FileDescriptorProto kitchen = testFile("gangway/test/kitchen.proto");
    FileDescriptorProto library = testFile("gangway/test/library.proto");
    FileDescriptorProto empty = testFile("google/protobuf/empty.proto");
    write(dir, "kitchen.pb", setOf(kitchen));
    write(dir, "library.protoset", setOf(empty, library));

    LoadedDescriptors loaded = DescriptorLoader.load(List.of(DescriptorSource.path(dir)));

    assertThat(loaded.problems()).isEmpty();
    assertThat(names(loaded))
        .containsExactly("gangway/test/kitchen.proto", "gangway/test/library.proto");
  }

  @Test
  void importsResolveAcrossSetsInAnyOrder() {
    FileDescriptorProto a = file("dep/a.proto", "A", null);
    FileDescriptorProto b = file("dep/b.proto", "B", "dep.A", "dep/a.proto");
    FileDescriptorProto c = file("dep/c.proto", "C", "dep.B", "dep/b.proto");
    write(dir, "1-c.desc", setOf(c));
    write(dir, "2-b.desc", setOf(b));
    write(dir, "3-a.desc", setOf(a));

    LoadedDescriptors loaded = DescriptorLoader.load(List.of(DescriptorSource.path(dir)));

    assertThat(loaded.problems()).isEmpty();
    assertThat(names(loaded)).containsExactly("dep/a.proto", "dep/b.proto", "dep/c.proto");
    assertThat(loaded.findMessage("dep.C").orElseThrow().getFields().get(0).getMessageType())
        .isSameAs(loaded.findMessage("dep.B").orElseThrow());
  }

  @Test
  void importsResolveAcrossSeparateSources() {
    FileDescriptorProto a = file("dep/a.proto", "A", null);
    FileDescriptorProto b = file("dep/b.proto", "B", "dep.A", "dep/a.proto");

    LoadedDescriptors loaded =
        DescriptorLoader.load(
            List.of(DescriptorSource.bytes("b", setOf(b)), DescriptorSource.bytes("a", setOf(a))));

    assertThat(loaded.problems()).isEmpty();
    assertThat(names(loaded)).containsExactly("dep/a.proto", "dep/b.proto");
  }

  @Test
  void skipsFilesWithOtherExtensionsAndReadsSetsInNameOrder() throws Exception {
    write(dir, "b.binpb", setOf(file("dep/b.proto", "B", null)));
    write(dir, "a.PB", setOf(file("dep/a.proto", "A", null)));
    write(dir, "notes.txt", "ignored".getBytes(StandardCharsets.UTF_8));
    write(dir, "kitchen.proto", "syntax = \"proto3\";".getBytes(StandardCharsets.UTF_8));
    Files.createDirectory(dir.resolve("nested"));

    LoadedDescriptors loaded = DescriptorLoader.load(List.of(DescriptorSource.path(dir)));

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.sources())
        .containsExactly(dir.resolve("a.PB").toString(), dir.resolve("b.binpb").toString());
  }

  @Test
  void doesNotSearchSubdirectories() throws Exception {
    Path nested = Files.createDirectory(dir.resolve("nested"));
    write(nested, "deep.binpb", setOf(file("dep/deep.proto", "Deep", null)));
    write(dir, "top.binpb", setOf(file("dep/top.proto", "Top", null)));

    LoadedDescriptors loaded = DescriptorLoader.load(List.of(DescriptorSource.path(dir)));

    assertThat(loaded.problems()).isEmpty();
    assertThat(names(loaded)).containsExactly("dep/top.proto");
  }
}
