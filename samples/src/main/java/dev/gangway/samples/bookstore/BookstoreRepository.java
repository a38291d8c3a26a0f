package dev.gangway.samples.bookstore;

import com.google.protobuf.Timestamp;
import dev.gangway.samples.bookstore.BookstoreNames.BookName;
import dev.gangway.samples.bookstore.BookstoreNames.ShelfName;
import dev.gangway.samples.support.Errors;
import dev.gangway.samples.support.ProtoTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The shelves and books, in memory, ordered by id.
 *
 * <p>Thread-safe: every method holds the store's lock for its whole (short) run, so a reader
 * never sees half an update. Errors are gRPC statuses with details (see {@link Errors}).
 */
final class BookstoreRepository {

  static final String SHELF_TYPE = Shelf.getDescriptor().getFullName();
  static final String BOOK_TYPE = Book.getDescriptor().getFullName();

  private final Clock clock;
  private final TreeMap<String, ShelfEntry> shelves = new TreeMap<>();
  private long lastAssignedId;

  BookstoreRepository(Clock clock) {
    this.clock = clock;
  }

  /** A shelf and its books by id; guarded by the repository's lock. */
  private static final class ShelfEntry {
    final Shelf shelf;
    final TreeMap<String, Book> books = new TreeMap<>();

    ShelfEntry(Shelf shelf) {
      this.shelf = shelf;
    }
  }

  synchronized List<Shelf> shelves() {
    List<Shelf> all = new ArrayList<>(shelves.size());
    for (ShelfEntry entry : shelves.values()) {
      all.add(entry.shelf);
    }
    return all;
  }

  synchronized Shelf shelf(ShelfName name) {
    return entry(name).shelf;
  }

  /** Creates a shelf with the given id, or an assigned one when {@code id} is empty. */
  synchronized Shelf createShelf(String id, String theme) {
    String shelfId = id.isEmpty() ? assignId(shelves) : id;
    ShelfName name = new ShelfName(shelfId);
    if (shelves.containsKey(shelfId)) {
      throw Errors.alreadyExists(SHELF_TYPE, name.format());
    }
    Shelf shelf = Shelf.newBuilder()
        .setName(name.format())
        .setTheme(theme)
        .setCreateTime(ProtoTime.of(clock.instant()))
        .build();
    shelves.put(shelfId, new ShelfEntry(shelf));
    return shelf;
  }

  /** Deletes a shelf; one with books only when {@code force}. */
  synchronized void deleteShelf(ShelfName name, boolean force) {
    ShelfEntry entry = entry(name);
    if (!entry.books.isEmpty() && !force) {
      throw Errors.failedPrecondition(
          "SHELF_NOT_EMPTY",
          "shelf \"" + name.format() + "\" still holds " + entry.books.size()
              + " books; delete them first or set force",
          Map.of("shelf", name.format()));
    }
    shelves.remove(name.shelf());
  }

  synchronized List<Book> books(ShelfName shelf) {
    return new ArrayList<>(entry(shelf).books.values());
  }

  synchronized Book book(BookName name) {
    Book book = entry(name.parent()).books.get(name.book());
    if (book == null) {
      throw Errors.notFound(BOOK_TYPE, name.format());
    }
    return book;
  }

  /**
   * Adds a book with the given id, or an assigned one when {@code id} is empty; sets its name,
   * state and times.
   */
  synchronized Book createBook(ShelfName shelf, String id, Book fields) {
    ShelfEntry entry = entry(shelf);
    String bookId = id.isEmpty() ? assignId(entry.books) : id;
    BookName name = shelf.book(bookId);
    if (entry.books.containsKey(bookId)) {
      throw Errors.alreadyExists(BOOK_TYPE, name.format());
    }
    Timestamp now = ProtoTime.of(clock.instant());
    Book book = fields.toBuilder()
        .setName(name.format())
        .setState(Book.State.ACTIVE)
        .setCreateTime(now)
        .setUpdateTime(now)
        .clearArchiveTime()
        .build();
    entry.books.put(bookId, book);
    return book;
  }

  /**
   * Replaces a book by {@code change(current)} and sets its update time. Archived books are
   * read-only (FAILED_PRECONDITION).
   */
  synchronized Book updateBook(BookName name, UnaryOperator<Book> change) {
    Book current = book(name);
    requireActive(current, "changed");
    Book updated = change.apply(current).toBuilder()
        .setUpdateTime(ProtoTime.of(clock.instant()))
        .build();
    entry(name.parent()).books.put(name.book(), updated);
    return updated;
  }

  synchronized void deleteBook(BookName name) {
    book(name);
    entry(name.parent()).books.remove(name.book());
  }

  /** Marks a book archived; archiving an archived book is FAILED_PRECONDITION. */
  synchronized Book archiveBook(BookName name) {
    Book current = book(name);
    requireActive(current, "archived");
    Timestamp now = ProtoTime.of(clock.instant());
    Book archived = current.toBuilder()
        .setState(Book.State.ARCHIVED)
        .setArchiveTime(now)
        .setUpdateTime(now)
        .build();
    entry(name.parent()).books.put(name.book(), archived);
    return archived;
  }

  /** Stores a complete shelf as it is (seed data). */
  synchronized void insert(Shelf shelf) {
    shelves.put(BookstoreNames.shelf("shelf.name", shelf.getName()).shelf(), new ShelfEntry(shelf));
  }

  /** Stores a complete book as it is (seed data); its shelf must exist. */
  synchronized void insert(Book book) {
    BookName name = BookstoreNames.book("book.name", book.getName());
    entry(name.parent()).books.put(name.book(), book);
  }

  private ShelfEntry entry(ShelfName name) {
    ShelfEntry entry = shelves.get(name.shelf());
    if (entry == null) {
      throw Errors.notFound(SHELF_TYPE, name.format());
    }
    return entry;
  }

  private static void requireActive(Book book, String verb) {
    if (book.getState() == Book.State.ARCHIVED) {
      throw Errors.failedPrecondition(
          "BOOK_ARCHIVED",
          "book \"" + book.getName() + "\" is archived and cannot be " + verb,
          Map.of("book", book.getName()));
    }
  }

  /** The next free number; client-chosen ids may have taken some. */
  private String assignId(Map<String, ?> taken) {
    String id;
    do {
      id = Long.toString(++lastAssignedId);
    } while (taken.containsKey(id));
    return id;
  }
}
