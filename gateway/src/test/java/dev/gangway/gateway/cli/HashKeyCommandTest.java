package dev.gangway.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.auth.ApiKeyAuthenticator;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HashKeyCommandTest {
  private static final Pattern KEY = Pattern.compile("key: +([A-Za-z0-9_-]{43})\n");
  private static final Pattern HASH = Pattern.compile("sha256: ([0-9a-f]{64})\n");

  @Test
  void printsANewKeyAndTheSha256OfIt() throws Exception {
    CliRun run = CliRun.execute(CliRun.noLaunch(), "hash-key");

    assertThat(run.exitCode()).isZero();
    Matcher key = KEY.matcher(run.out());
    Matcher hash = HASH.matcher(run.out());
    assertThat(key.find()).as(run.out()).isTrue();
    assertThat(hash.find()).as(run.out()).isTrue();
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(key.group(1).getBytes(StandardCharsets.UTF_8)));
    assertThat(hash.group(1)).isEqualTo(expected).isEqualTo(ApiKeyAuthenticator.hash(key.group(1)));
    assertThat(run.out()).contains("keys: [{consumer: NAME, sha256: " + expected + "}]");
  }

  @Test
  void everyRunMakesADifferentKey() {
    String first = CliRun.execute(CliRun.noLaunch(), "hash-key").out();
    String second = CliRun.execute(CliRun.noLaunch(), "hash-key").out();

    assertThat(first).isNotEqualTo(second);
  }
}
