package dev.gangway.gateway.config;

import java.util.function.Function;

/**
 * Replaces environment references in one scalar value of the config file, before the value is
 * typed.
 *
 * <p>Grammar: {@code ${NAME}} is the variable's value (an error when it is unset);
 * {@code ${NAME:-default}} is the value, or {@code default} when the variable is unset or empty (as
 * in a POSIX shell); <code>$$&#123;</code> is a literal <code>$&#123;</code>. NAME is
 * {@code [A-Za-z_][A-Za-z0-9_]*}; a default runs to the first <code>&#125;</code>. Replacements
 * are not scanned again. Stateless and thread-safe.
 */
final class Substitution {
  private Substitution() {}

  /**
   * @param value the scalar as written in the file
   * @param error turns a problem into an exception naming the key
   * @param env variable lookup; returns null for an unset variable
   */
  static String apply(String value, Function<String, ConfigException> error,
      Function<String, String> env) throws ConfigException {
    if (value.indexOf('$') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    int i = 0;
    while (i < value.length()) {
      if (value.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (value.startsWith("${", i)) {
        int end = value.indexOf('}', i + 2);
        if (end < 0) {
          throw error.apply("unclosed \"${\" in \"" + value + "\" (write $${ for a literal ${)");
        }
        out.append(resolve(value.substring(i + 2, end), error, env));
        i = end + 1;
      } else {
        out.append(value.charAt(i));
        i++;
      }
    }
    return out.toString();
  }

  private static String resolve(String reference, Function<String, ConfigException> error,
      Function<String, String> env) throws ConfigException {
    int dash = reference.indexOf(":-");
    String name = dash < 0 ? reference : reference.substring(0, dash);
    if (!isName(name)) {
      throw error.apply("\"${" + reference + "}\" is not a variable reference"
          + " (use ${NAME} or ${NAME:-default})");
    }
    String found = env.apply(name);
    if (dash >= 0) {
      return found == null || found.isEmpty() ? reference.substring(dash + 2) : found;
    }
    if (found == null) {
      throw error.apply("environment variable " + name + " is not set"
          + " (write ${" + name + ":-default} to give a default)");
    }
    return found;
  }

  private static boolean isName(String name) {
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
