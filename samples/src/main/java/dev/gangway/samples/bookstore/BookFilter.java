package dev.gangway.samples.bookstore;

import dev.gangway.samples.support.Errors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed {@code ListBooks} filter: conditions joined by AND. Immutable and thread-safe.
 *
 * <pre>
 * filter = term { "AND" term }
 * term   = field "=" value
 * field  = "author" | "title" | "read" | "state"
 * value  = word | '"' { any character but '"' } '"'     (word: no whitespace, no '"')
 * </pre>
 *
 * <p>author and title compare whole and case-insensitively; read takes {@code true} or
 * {@code false}; state takes {@code ACTIVE} or {@code ARCHIVED} (any case). An empty filter
 * matches every book.
 */
final class BookFilter {

  /** Which book field a condition tests. */
  enum Field {
    AUTHOR, TITLE, READ, STATE;

    String spelling() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One {@code field=value} condition; the value is already checked for its field. */
  record Term(Field field, String value) {
    boolean matches(Book book) {
      return switch (field) {
        case AUTHOR -> book.getAuthor().equalsIgnoreCase(value);
        case TITLE -> book.getTitle().equalsIgnoreCase(value);
        case READ -> book.getRead() == Boolean.parseBoolean(value);
        case STATE -> book.getState().name().equals(value);
      };
    }
  }

  private final List<Term> terms;

  private BookFilter(List<Term> terms) {
    this.terms = List.copyOf(terms);
  }

  List<Term> terms() {
    return terms;
  }

  boolean matches(Book book) {
    for (Term term : terms) {
      if (!term.matches(book)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses a filter.
   *
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT naming {@code filter}, the problem
   *     and its index
   */
  static BookFilter parse(String text) {
    return new Parser(text).filter();
  }

  /** One method per production of the grammar above. Not thread-safe; one per parse. */
  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    /** filter = term { "AND" term } */
    BookFilter filter() {
      List<Term> terms = new ArrayList<>();
      skipSpaces();
      if (pos == text.length()) {
        return new BookFilter(terms);
      }
      terms.add(term());
      skipSpaces();
      while (pos < text.length()) {
        int start = pos;
        if (!"AND".equals(word())) {
          throw error("expected AND", start);
        }
        terms.add(term());
        skipSpaces();
      }
      return new BookFilter(terms);
    }

    /** term = field "=" value */
    private Term term() {
      skipSpaces();
      int start = pos;
      Field field = field();
      skipSpaces();
      if (pos == text.length() || text.charAt(pos) != '=') {
        throw error("expected '=' after " + field.spelling(), pos);
      }
      pos++;
      skipSpaces();
      int valueStart = pos;
      String value = value();
      return new Term(field, checked(field, value, valueStart));
    }

    /** field = "author" | "title" | "read" | "state" */
    private Field field() {
      int start = pos;
      while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
        pos++;
      }
      String name = text.substring(start, pos);
      for (Field field : Field.values()) {
        if (field.spelling().equals(name)) {
          return field;
        }
      }
      String found = name.isEmpty() ? "nothing" : "\"" + name + "\"";
      throw error("expected a field (author, title, read or state), found " + found, start);
    }

    /** value = word | '"' { any character but '"' } '"' */
    private String value() {
      int start = pos;
      if (pos < text.length() && text.charAt(pos) == '"') {
        int close = text.indexOf('"', pos + 1);
        if (close < 0) {
          throw error("unterminated quoted value", start);
        }
        pos = close + 1;
        return text.substring(start + 1, close);
      }
      String word = word();
      if (word.isEmpty()) {
        throw error("expected a value", start);
      }
      return word;
    }

    private String word() {
      int start = pos;
      while (pos < text.length()
          && !Character.isWhitespace(text.charAt(pos))
          && text.charAt(pos) != '"') {
        pos++;
      }
      return text.substring(start, pos);
    }

    private String checked(Field field, String value, int index) {
      switch (field) {
        case READ:
          if (!value.equals("true") && !value.equals("false")) {
            throw error("read takes true or false, found \"" + value + "\"", index);
          }
          return value;
        case STATE:
          String state = value.toUpperCase(Locale.ROOT);
          if (!state.equals(Book.State.ACTIVE.name()) && !state.equals(Book.State.ARCHIVED.name())) {
            throw error("state takes ACTIVE or ARCHIVED, found \"" + value + "\"", index);
          }
          return state;
        default:
          return value;
      }
    }

    private void skipSpaces() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private RuntimeException error(String reason, int index) {
      return Errors.invalidArgument(
          "filter", "\"" + text + "\": " + reason + " (index " + index + ")");
    }
  }
}
