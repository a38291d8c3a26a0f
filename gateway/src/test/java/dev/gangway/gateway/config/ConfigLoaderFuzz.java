package dev.gangway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fuzzes config loading: any file, alone or spliced into the documented full example, loads or is
 * a {@link ConfigException} with a message (never another exception or a hang).
 */
class ConfigLoaderFuzz {
  private static final Path DIR = temp();
  private static final List<String> FRAGMENTS = read(Path.of(
      "src/test/resources/config/valid/full.yaml")).lines().toList();

  private static Path temp() {
    try {
      return Files.createTempDirectory("gangway-config-fuzz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "5s")
  void loadsOrReportsAConfigError(FuzzedDataProvider data) throws IOException {
    String text;
    if (data.consumeBoolean()) {
      // The full example with one line replaced: reaches every section's reader.
      StringBuilder spliced = new StringBuilder();
      int replaced = data.consumeInt(0, FRAGMENTS.size() - 1);
      String line = data.consumeString(200);
      for (int i = 0; i < FRAGMENTS.size(); i++) {
        spliced.append(i == replaced ? line : FRAGMENTS.get(i)).append('\n');
      }
      text = spliced.toString();
    } else {
      text = data.consumeRemainingAsString();
    }
    Path file = DIR.resolve("gangway.yaml");
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    try {
      new ConfigLoader(Optional.of(file), CliOverrides.NONE, Map.of("GW", "x")::get).load();
    } catch (ConfigException e) {
      assertThat(e.getMessage()).isNotEmpty();
    }
  }
}
