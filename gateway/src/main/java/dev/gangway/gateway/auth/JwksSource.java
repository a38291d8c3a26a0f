package dev.gangway.gateway.auth;

import com.nimbusds.jose.jwk.JWKSet;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The current public keys of one JWT issuer.
 *
 * <p>Thread-safe; {@link #current} is one volatile read.
 */
public interface JwksSource {
  /** The keys as last loaded; empty while none were ever loaded. */
  Optional<JWKSet> current();

  /**
   * Asks for a fresh copy because a token names a key id not in {@link #current}: starts a fetch
   * unless one ran within the minimum refresh interval. The future completes (never
   * exceptionally) when the fetch is done or at once when none is started.
   */
  CompletableFuture<Void> refreshForUnknownKid();

  /** For readiness and {@code /admin/status}. */
  JwksState state();

  /**
   * What a source knows about itself.
   *
   * @param location the file or URL
   * @param loaded whether keys were ever loaded
   * @param keys how many keys are current
   * @param lastError the last fetch failure, empty after a success
   */
  record JwksState(String location, boolean loaded, int keys, Optional<String> lastError) {}
}
