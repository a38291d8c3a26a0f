package dev.gangway.gateway.problems;

import java.util.Objects;

/**
 * One problem of a configuration with its descriptors.
 *
 * <p>Immutable.
 *
 * @param kind what it is about, for grouping
 * @param text the whole message, naming the file, method, template or key
 *     ({@code gangway.other.Pings: no backend serves this service ...})
 */
public record Problem(ProblemKind kind, String text) {
  public Problem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
  }

  @Override
  public String toString() {
    return text;
  }
}
