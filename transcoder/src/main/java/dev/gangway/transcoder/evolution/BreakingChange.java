package dev.gangway.transcoder.evolution;

import java.util.Comparator;
import java.util.Objects;

/**
 * One change in a new descriptor generation that breaks a client of the served one: a route or
 * method gone, a field renumbered or retyped, an enum value gone, a request field newly required.
 *
 * <p>Immutable. {@link #toString()} is the line logs, {@code /admin/status} and
 * {@code gangway validate --against} show: {@code field number changed: gangway.test.Book.title
 * (3 -> 9)}.
 *
 * @param kind what kind of change
 * @param subject the full name of what changed (a field, a method, an enum value) or, for a
 *     route, {@code GET /v1/{name=shelves/*} -> pkg.Service.Method}
 * @param detail the old and new value, or why it breaks
 */
public record BreakingChange(Kind kind, String subject, String detail)
    implements Comparable<BreakingChange> {
  private static final Comparator<BreakingChange> ORDER =
      Comparator.comparing(BreakingChange::kind)
          .thenComparing(BreakingChange::subject)
          .thenComparing(BreakingChange::detail);

  public BreakingChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(detail, "detail");
  }

  /** The kinds of breaking change, in the order reports list them. */
  public enum Kind {
    /** An HTTP route of the served generation has no equal (method, template, gRPC method). */
    ROUTE_REMOVED("route removed"),
    /** A gRPC method (or its whole service) is gone. */
    METHOD_REMOVED("method removed"),
    /** A method's request or response type, or its streaming shape, changed. */
    METHOD_CHANGED("method changed"),
    /** A field is gone (JSON clients that send it get a 400; readers lose it). */
    FIELD_REMOVED("field removed"),
    /** A field kept its name but not its number: old binary clients write the wrong field. */
    FIELD_NUMBER_CHANGED("field number changed"),
    /** A field kept its name but changed type, cardinality (repeated, map) or message type. */
    FIELD_TYPE_CHANGED("field type changed"),
    /** An enum value is gone, or its name now has another number. */
    ENUM_VALUE_REMOVED("enum value removed"),
    /** A request field is {@code google.api.field_behavior = REQUIRED} and was not before. */
    FIELD_NEWLY_REQUIRED("field newly required");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** {@code field number changed}. */
    public String label() {
      return label;
    }

    /** The name in JSON output: {@code field_number_changed}. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Override
  public int compareTo(BreakingChange other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return kind.label() + ": " + subject + " (" + detail + ")";
  }
}
