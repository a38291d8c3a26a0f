package dev.gangway.gateway.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The distinct parameter names of a raw query string, decoded, for explain.
 *
 * <p>Stateless. Admin-only: uses {@link URLDecoder}, which the request path does not.
 */
final class QueryNames {
  private QueryNames() {}

  /**
   * A name as sent and as decoded.
   *
   * @param decoded the decoded name, or null when its percent-encoding is malformed
   */
  record Name(String raw, String decoded) {}

  /**
   * @param plusAsSpace whether {@code +} means a space (the transcoder's {@code queryPlusAsSpace})
   */
  static List<Name> parse(String rawQuery, boolean plusAsSpace) {
    Set<String> raw = new LinkedHashSet<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      raw.add(eq < 0 ? pair : pair.substring(0, eq));
    }
    List<Name> names = new ArrayList<>();
    for (String name : raw) {
      names.add(new Name(name, decode(name, plusAsSpace)));
    }
    return names;
  }

  private static String decode(String raw, boolean plusAsSpace) {
    String text = plusAsSpace ? raw : raw.replace("+", "%2B");
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
