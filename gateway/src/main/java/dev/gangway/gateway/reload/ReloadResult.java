package dev.gangway.gateway.reload;

import java.util.Objects;

/**
 * The outcome of one reload attempt.
 *
 * <p>Immutable.
 *
 * @param swapped whether a new snapshot now serves
 * @param generation the generation serving after the attempt
 * @param message {@code generation 3: 12 routes from 2 descriptor sets} on success, the reason
 *     on rejection
 */
public record ReloadResult(boolean swapped, long generation, String message) {
  public ReloadResult {
    Objects.requireNonNull(message, "message");
  }
}
