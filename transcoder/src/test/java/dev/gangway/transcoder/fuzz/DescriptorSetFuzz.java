package dev.gangway.transcoder.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import dev.gangway.transcoder.descriptor.LoadedDescriptors;
import dev.gangway.transcoder.options.TranscoderOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzzes descriptor-set loading: any bytes, alone or mutated from the test descriptor set, load
 * with problems reported (never an exception or a hang), and whatever loads compiles to a
 * transcoder.
 */
class DescriptorSetFuzz {
  private static final byte[] VALID = read(Path.of("target/test-descriptors/test.binpb"));

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "5s")
  void loadsOrReportsProblems(FuzzedDataProvider data) {
    byte[] bytes;
    if (data.consumeBoolean()) {
      // A valid set with a few bytes flipped: reaches the linker and the rule reader.
      bytes = VALID.clone();
      int flips = data.consumeInt(1, 8);
      for (int i = 0; i < flips; i++) {
        bytes[data.consumeInt(0, bytes.length - 1)] = data.consumeByte();
      }
    } else {
      bytes = data.consumeRemainingAsBytes();
    }
    LoadedDescriptors loaded =
        DescriptorLoader.load(List.of(DescriptorSource.bytes("fuzz.binpb", bytes)));
    Transcoder.build(loaded, TranscoderOptions.DEFAULT);
  }
}
