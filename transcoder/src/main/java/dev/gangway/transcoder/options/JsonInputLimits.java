package dev.gangway.transcoder.options;

import java.util.Objects;

/**
 * How much JSON one value may hold, enforced while the codec reads it (request bodies, client
 * stream messages, WebSocket frames), so that hostile input costs a bounded amount of work and
 * memory before it is refused, in the same single pass that reads it.
 *
 * <p>Each limit carries the name of the setting that raises it, which the 400's message names
 * ({@code JSON nested deeper than 64 (limits.max_json_depth)}); a library user with no settings
 * passes an empty name.
 *
 * @param depth nesting of objects and arrays
 * @param entries members of one object or elements of one array
 * @param stringLength characters of one string or member name
 * @param numberLength characters of one number
 */
public record JsonInputLimits(Limit depth, Limit entries, Limit stringLength, Limit numberLength) {

  /**
   * One limit.
   *
   * @param max the largest value allowed
   * @param setting what the message calls it, e.g. {@code limits.max_json_depth}; empty for none
   */
  public record Limit(int max, String setting) {
    public Limit {
      if (max < 1) {
        throw new IllegalArgumentException("a JSON limit must be at least 1: " + max);
      }
      Objects.requireNonNull(setting, "setting");
    }

    /** The setting in parentheses for a message, or nothing. */
    public String named() {
      return setting.isEmpty() ? "" : " (" + setting + ")";
    }
  }

  /**
   * Protobuf's own parsers' depth (100), Jackson's default string and number lengths, no limit on
   * entries beyond the body's size.
   */
  public static final JsonInputLimits DEFAULT = new JsonInputLimits(
      new Limit(100, ""),
      new Limit(Integer.MAX_VALUE, ""),
      new Limit(20_000_000, ""),
      new Limit(1000, ""));

  public JsonInputLimits {
    Objects.requireNonNull(depth, "depth");
    Objects.requireNonNull(entries, "entries");
    Objects.requireNonNull(stringLength, "stringLength");
    Objects.requireNonNull(numberLength, "numberLength");
  }
}
