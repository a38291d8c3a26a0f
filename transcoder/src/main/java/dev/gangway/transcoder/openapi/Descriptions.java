package dev.gangway.transcoder.openapi;

import com.google.protobuf.Descriptors.GenericDescriptor;
import dev.gangway.transcoder.descriptor.ProtoComments;
import java.util.Optional;

/**
 * Proto comments as OpenAPI descriptions: protoc keeps the one space after {@code //} on every
 * line, and googleapis marks notes for its linters {@code (-- ... --)}; both are dropped.
 *
 * <p>Immutable and thread-safe.
 */
final class Descriptions {
  private final ProtoComments comments;

  Descriptions(ProtoComments comments) {
    this.comments = comments;
  }

  /** The element's comment, cleaned; empty when it has none (or only linter notes). */
  Optional<String> of(GenericDescriptor element) {
    return comments.of(element).map(Descriptions::clean).filter(s -> !s.isEmpty());
  }

  static String clean(String comment) {
    String text = withoutInternalNotes(comment);
    StringBuilder out = new StringBuilder(text.length());
    for (String line : text.split("\n", -1)) {
      out.append(line.startsWith(" ") ? line.substring(1) : line).append('\n');
    }
    return out.toString().strip();
  }

  /** googleapis' AIP-192: text between {@code (--} and {@code --)} is not for readers. */
  private static String withoutInternalNotes(String text) {
    int start = text.indexOf("(--");
    while (start >= 0) {
      int end = text.indexOf("--)", start);
      if (end < 0) {
        break;
      }
      text = text.substring(0, start) + text.substring(end + 3);
      start = text.indexOf("(--");
    }
    return text;
  }

  /** The first sentence of the first paragraph, for an operation's summary. */
  static String summary(String description) {
    int paragraph = description.indexOf("\n\n");
    String first = (paragraph < 0 ? description : description.substring(0, paragraph))
        .replace('\n', ' ');
    int stop = first.indexOf(". ");
    return stop < 0 ? first : first.substring(0, stop + 1);
  }
}
