package dev.gangway.transcoder.internal.binding;

/**
 * Parsers for the integer and floating-point field types.
 *
 * <p>Stateless and thread-safe. Integers are plain ASCII decimal with an optional leading
 * {@code -} (no {@code +}, no exponent, no non-ASCII digits that {@code Integer.parseInt} would
 * take); floats also take {@code NaN}, {@code Infinity} and {@code -Infinity} (proto3 JSON).
 */
final class NumberParsers {

  static final ScalarParser FLOAT =
      text -> {
        double d = parseDouble(text, "float");
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
          throw InvalidValueException.notA(text, "float");
        }
        return f;
      };

  static final ScalarParser DOUBLE = text -> parseDouble(text, "double");

  private NumberParsers() {}

  static ScalarParser int32(String type) {
    return integer(type, true, Integer::parseInt);
  }

  static ScalarParser int64(String type) {
    return integer(type, true, Long::parseLong);
  }

  static ScalarParser uint32(String type) {
    return integer(type, false, Integer::parseUnsignedInt);
  }

  static ScalarParser uint64(String type) {
    return integer(type, false, Long::parseUnsignedLong);
  }

  /** One of the JDK's integer parses; throws NumberFormatException when out of range. */
  private interface IntegerParse {
    Object parse(String text);
  }

  /** Plain decimal text checked first, then {@code parse} for the range. */
  private static ScalarParser integer(String type, boolean signed, IntegerParse parse) {
    return text -> {
      requireDecimal(text, type, signed);
      try {
        return parse.parse(text);
      } catch (NumberFormatException e) {
        throw InvalidValueException.notA(text, type);
      }
    };
  }

  private static void requireDecimal(String text, String type, boolean signed)
      throws InvalidValueException {
    int start = signed && text.startsWith("-") ? 1 : 0;
    if (text.length() == start) {
      throw InvalidValueException.notA(text, type);
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw InvalidValueException.notA(text, type);
      }
    }
  }

  private static double parseDouble(String text, String type) throws InvalidValueException {
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "Infinity":
        return Double.POSITIVE_INFINITY;
      case "-Infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    // Double.parseDouble alone would also take " 1", "1d", "0x1p3" and "Infinity" spellings.
    boolean digit = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
        throw InvalidValueException.notA(text, type);
      }
    }
    if (!digit) {
      throw InvalidValueException.notA(text, type);
    }
    double d;
    try {
      d = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw InvalidValueException.notA(text, type);
    }
    if (Double.isInfinite(d)) {
      throw InvalidValueException.notA(text, type); // 1e400: out of range, as in JsonFormat
    }
    return d;
  }
}
