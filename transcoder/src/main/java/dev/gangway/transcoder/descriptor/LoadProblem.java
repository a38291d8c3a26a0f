package dev.gangway.transcoder.descriptor;

import java.util.Objects;

/**
 * Something wrong found while loading descriptors or compiling routes; the part it concerns is left
 * out and the rest is served.
 *
 * <p>Immutable.
 *
 * @param subject what the problem is about: a file path, a source name, or a method's full name
 * @param message what is wrong, readable without context (names the template, field, or file)
 */
public record LoadProblem(String subject, String message) {
  public LoadProblem {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return subject + ": " + message;
  }
}
