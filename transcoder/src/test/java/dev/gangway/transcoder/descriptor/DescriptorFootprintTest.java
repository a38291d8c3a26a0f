package dev.gangway.transcoder.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptorFootprintTest {
  @TempDir Path dir;

  @Test
  void measuresTheSetsAndTheirSourceInfo() throws Exception {
    byte[] commented = ProtoCommentsTest.commentedSet();
    long sourceInfo = FileDescriptorSet.parseFrom(commented).getFile(0).getSourceCodeInfo()
        .getSerializedSize();
    Files.write(dir.resolve("a.pb"), commented);
    Files.copy(TestSets.TEST_SET, dir.resolve("b.binpb"));
    Files.writeString(dir.resolve("notes.txt"), "not a set");

    DescriptorFootprint footprint = DescriptorFootprint.of(List.of(dir));

    assertThat(footprint.setBytes()).isEqualTo(commented.length + Files.size(TestSets.TEST_SET));
    assertThat(footprint.sourceInfoBytes()).isEqualTo(sourceInfo);
    assertThat(footprint.estimatedHeapBytes())
        .isEqualTo((long) ((footprint.setBytes() - sourceInfo) * 11 + sourceInfo * 0.3));
    assertThat(footprint.estimatedOpenApiHeapBytes())
        .isEqualTo((long) ((footprint.setBytes() - sourceInfo) * 1.5 + sourceInfo * 0.25));
  }

  @Test
  void whatCannotBeReadCountsAsNothing() throws Exception {
    Files.writeString(dir.resolve("garbage.pb"), "\u00ff\u00ff\u00ff");

    assertThat(DescriptorFootprint.of(List.of(dir.resolve("missing.pb"))).setBytes()).isZero();
    assertThat(DescriptorFootprint.of(List.of(dir.resolve("garbage.pb"))).sourceInfoBytes())
        .isZero();
  }
}
