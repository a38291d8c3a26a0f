package dev.gangway.samples.bookstore;

import dev.gangway.samples.support.Errors;

/**
 * Parses and formats bookstore resource names ({@code shelves/{shelf}},
 * {@code shelves/{shelf}/books/{book}}) and checks client-chosen ids. Stateless and thread-safe.
 */
final class BookstoreNames {

  private static final String SHELVES = "shelves/";
  private static final String BOOKS = "/books/";
  private static final int MAX_ID_LENGTH = 63;

  private BookstoreNames() {}

  /** A shelf's name, e.g. {@code shelves/fiction}. */
  record ShelfName(String shelf) {
    String format() {
      return SHELVES + shelf;
    }

    BookName book(String book) {
      return new BookName(shelf, book);
    }
  }

  /** A book's name, e.g. {@code shelves/fiction/books/dune}. */
  record BookName(String shelf, String book) {
    ShelfName parent() {
      return new ShelfName(shelf);
    }

    String format() {
      return SHELVES + shelf + BOOKS + book;
    }
  }

  /** Parses {@code shelves/{shelf}}; INVALID_ARGUMENT naming {@code field} otherwise. */
  static ShelfName shelf(String field, String name) {
    String id = name.startsWith(SHELVES) ? name.substring(SHELVES.length()) : "";
    if (!isSegment(id)) {
      throw Errors.invalidArgument(field, "\"" + name + "\" is not a shelf name (shelves/{shelf})");
    }
    return new ShelfName(id);
  }

  /** Parses {@code shelves/{shelf}/books/{book}}; INVALID_ARGUMENT naming {@code field} otherwise. */
  static BookName book(String field, String name) {
    int books = name.indexOf(BOOKS);
    String shelf = name.startsWith(SHELVES) && books > 0 ? name.substring(SHELVES.length(), books) : "";
    String book = books > 0 ? name.substring(books + BOOKS.length()) : "";
    if (!isSegment(shelf) || !isSegment(book)) {
      throw Errors.invalidArgument(
          field, "\"" + name + "\" is not a book name (shelves/{shelf}/books/{book})");
    }
    return new BookName(shelf, book);
  }

  /**
   * Checks an id the client chose: 1 to 63 characters of {@code a-z}, {@code 0-9} and {@code -}
   * (AIP-122's resource id rule, minus its first-character constraint).
   */
  static void checkId(String field, String id) {
    boolean valid = !id.isEmpty() && id.length() <= MAX_ID_LENGTH;
    for (int i = 0; valid && i < id.length(); i++) {
      char c = id.charAt(i);
      valid = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    }
    if (!valid) {
      throw Errors.invalidArgument(
          field, "\"" + id + "\" is not a valid id (1 to 63 of a-z, 0-9 and -)");
    }
  }

  private static boolean isSegment(String segment) {
    return !segment.isEmpty() && segment.indexOf('/') < 0;
  }
}
