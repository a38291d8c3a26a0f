package dev.gangway.gateway.compose;

import java.util.HashMap;
import java.util.Map;

/**
 * Splits a raw query string into the first value of each parameter, percent-decoded, for
 * {@code {query.NAME}} references.
 *
 * <p>Stateless and thread-safe; a loop over {@code &} and {@code =}, no regex.
 */
final class QueryValues {
  private QueryValues() {}

  /** @param plusAsSpace whether {@code +} means a space (the transcoder's query option) */
  static Map<String, String> parse(String rawQuery, boolean plusAsSpace) {
    Map<String, String> values = new HashMap<>();
    int start = 0;
    while (start <= rawQuery.length() && !rawQuery.isEmpty()) {
      int end = rawQuery.indexOf('&', start);
      if (end < 0) {
        end = rawQuery.length();
      }
      String pair = rawQuery.substring(start, end);
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq), plusAsSpace);
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1), plusAsSpace);
        values.putIfAbsent(name, value);
      }
      start = end + 1;
    }
    return values;
  }

  private static String decode(String text, boolean plusAsSpace) {
    return PathCaptures.decode(plusAsSpace ? text.replace('+', ' ') : text, false);
  }
}
