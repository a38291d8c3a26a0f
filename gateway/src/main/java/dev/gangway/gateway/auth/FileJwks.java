package dev.gangway.gateway.auth;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Keys from a JWKS file, read when the snapshot is built; a reload reads it again, which is how
 * file keys rotate.
 *
 * <p>Immutable and thread-safe.
 */
final class FileJwks implements JwksSource {
  private final Path file;
  private final JWKSet keys;

  private FileJwks(Path file, JWKSet keys) {
    this.file = file;
    this.keys = keys;
  }

  /** Reads and parses {@code file}; setup code. */
  static FileJwks load(Path file) throws AccessSetupException {
    JWKSet keys;
    try {
      keys = JWKSet.load(file.toFile());
    } catch (IOException e) {
      throw new AccessSetupException("cannot read JWKS file " + file + ": " + e.getMessage());
    } catch (ParseException e) {
      throw new AccessSetupException("JWKS file " + file + " is not a JWK set: " + e.getMessage());
    }
    if (keys.getKeys().stream().anyMatch(k -> k.isPrivate())) {
      throw new AccessSetupException("JWKS file " + file + " holds private keys; publish only"
          + " the public ones");
    }
    return new FileJwks(file, keys.toPublicJWKSet());
  }

  @Override
  public Optional<JWKSet> current() {
    return Optional.of(keys);
  }

  @Override
  public CompletableFuture<Void> refreshForUnknownKid() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public JwksState state() {
    return new JwksState(file.toString(), true, keys.size(), Optional.empty());
  }
}
