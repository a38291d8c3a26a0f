package dev.gangway.gateway.observe;

import dev.gangway.gateway.config.AccessLogConfig;
import java.time.Instant;
import java.util.List;

/**
 * Writes an {@link AccessEntry} as one line: a JSON object, or text {@code key=value} pairs.
 * Every client-supplied value is escaped (quotes, backslashes, control and non-ASCII characters
 * as {@code \\uXXXX}) and cut at {@value #MAX_VALUE} characters, so a line is always one line of
 * ASCII whatever a client sends.
 *
 * <p>Stateless and thread-safe.
 */
public final class AccessLine {
  /** The longest value written; longer ones end in {@code ...}. */
  static final int MAX_VALUE = 2048;

  private AccessLine() {}

  /** The line for {@code entry} in {@code format}. */
  public static String format(AccessLogConfig.Format format, AccessEntry entry) {
    Writer out = format == AccessLogConfig.Format.JSON ? new Json() : new Text();
    out.field("time", Instant.ofEpochMilli(entry.startMillis()).toString());
    out.field("request_id", entry.requestId());
    entry.traceId().ifPresent(id -> out.field("trace_id", id));
    out.field("client", entry.client());
    out.field("method", entry.method());
    out.field("path", entry.path());
    out.field("protocol", entry.protocol());
    out.field("route", entry.route());
    out.number("status", entry.status());
    out.field("grpc_code", entry.grpcCode());
    out.raw("duration_ms", millis(entry.durationNanos()));
    if (entry.bytesIn() >= 0) {
      out.number("bytes_in", entry.bytesIn());
    }
    out.number("bytes_out", entry.bytesOut());
    entry.backend().ifPresent(b -> out.field("backend", b));
    entry.rejection().ifPresent(r -> out.field("rejection", r));
    entry.userAgent().ifPresent(a -> out.field("user_agent", a));
    List<String> headers = entry.headers();
    for (int i = 0; i + 1 < headers.size(); i += 2) {
      out.field("header." + headers.get(i), headers.get(i + 1));
    }
    return out.end();
  }

  /** Nanoseconds as milliseconds with three decimals. */
  static String millis(long nanos) {
    long micros = Math.max(0, nanos) / 1000;
    long fraction = micros % 1000;
    return (micros / 1000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
  }

  /** Appends {@code value} as a JSON string body: escaped, ASCII only, cut at the bound. */
  static void escape(StringBuilder out, String value) {
    int length = Math.min(value.length(), MAX_VALUE);
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append("\\u").append(Character.forDigit((c >> 12) & 0xf, 16))
            .append(Character.forDigit((c >> 8) & 0xf, 16))
            .append(Character.forDigit((c >> 4) & 0xf, 16))
            .append(Character.forDigit(c & 0xf, 16));
      }
    }
    if (value.length() > MAX_VALUE) {
      out.append("...");
    }
  }

  private abstract static class Writer {
    final StringBuilder out = new StringBuilder(320);

    abstract void field(String name, String value);

    abstract void raw(String name, String value);

    void number(String name, long value) {
      raw(name, Long.toString(value));
    }

    abstract String end();
  }

  private static final class Json extends Writer {
    Json() {
      out.append('{');
    }

    @Override
    void field(String name, String value) {
      name(name);
      out.append('"');
      escape(out, value);
      out.append('"');
    }

    @Override
    void raw(String name, String value) {
      name(name);
      out.append(value);
    }

    private void name(String name) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append('"').append(name).append("\":");
    }

    @Override
    String end() {
      return out.append('}').toString();
    }
  }

  /** {@code key=value}, the value in double quotes when it is empty or holds anything but
   * letters, digits and {@code -._:/{}*=+}. */
  private static final class Text extends Writer {
    @Override
    void field(String name, String value) {
      name(name);
      if (plain(value)) {
        out.append(value);
      } else {
        out.append('"');
        escape(out, value);
        out.append('"');
      }
    }

    @Override
    void raw(String name, String value) {
      name(name);
      out.append(value);
    }

    private void name(String name) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(name).append('=');
    }

    private static boolean plain(String value) {
      if (value.isEmpty() || value.length() > MAX_VALUE) {
        return false;
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || "-._:/{}*+".indexOf(c) >= 0;
        if (!ok) {
          return false;
        }
      }
      return true;
    }

    @Override
    String end() {
      return out.toString();
    }
  }
}
