package dev.gangway.gateway.cli;

import dev.gangway.gateway.auth.ApiKeyAuthenticator;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gangway hash-key}: makes a new API key (32 random bytes, base64url) and prints it with
 * its SHA-256, the value {@code auth.providers[].api_keys.keys[].sha256} holds. The key itself is
 * printed once, to hand to the consumer; the gateway never stores it.
 *
 * <p>Not thread-safe; one instance per command line.
 */
@Command(
    name = "hash-key",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    versionProvider = ManifestVersion.class,
    description = "Makes a new API key and prints it with the SHA-256 to put in the config "
        + "(api_keys.keys[].sha256). The key is shown once; only its hash goes in the file.")
final class HashKeyCommand implements Callable<Integer> {
  /** 256 bits: as strong as the hash that stores it. */
  static final int KEY_BYTES = 32;

  @Spec CommandSpec spec;

  private final SecureRandom random = new SecureRandom();

  @Override
  public Integer call() {
    byte[] bytes = new byte[KEY_BYTES];
    random.nextBytes(bytes);
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    PrintWriter out = spec.commandLine().getOut();
    out.println("key:    " + key);
    out.println("sha256: " + ApiKeyAuthenticator.hash(key));
    out.println();
    out.println("Give the key to the consumer (it is not stored anywhere); put the sha256 in the"
        + " config:");
    out.println("  keys: [{consumer: NAME, sha256: " + ApiKeyAuthenticator.hash(key) + "}]");
    out.flush();
    return 0;
  }
}
