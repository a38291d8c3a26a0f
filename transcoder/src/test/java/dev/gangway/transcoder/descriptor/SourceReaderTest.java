package dev.gangway.transcoder.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceReaderTest {
  @TempDir Path dir;

  @Test
  void readsAFileOfManySlicesWhole() throws Exception {
    byte[] content = new byte[(3 << 20) + 12_345];
    new Random(14).nextBytes(content);
    Path file = Files.write(dir.resolve("big.pb"), content);

    assertThat(SourceReader.readAll(file)).isEqualTo(content);
  }

  @Test
  void readsAnEmptyFileAndOneOfExactlyOneSlice() throws Exception {
    byte[] slice = new byte[1 << 20];
    new Random(15).nextBytes(slice);

    assertThat(SourceReader.readAll(Files.write(dir.resolve("empty.pb"), new byte[0]))).isEmpty();
    assertThat(SourceReader.readAll(Files.write(dir.resolve("slice.pb"), slice))).isEqualTo(slice);
  }
}
