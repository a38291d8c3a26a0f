package dev.gangway.samples.bookstore;

import dev.gangway.samples.support.ProtoTime;
import java.time.Instant;

/**
 * The demo data: two shelves and eight books, with fixed times so that demo output is stable.
 *
 * <pre>
 * shelves/fiction  "Fiction"  books: dune, dune-messiah, foundation, left-hand, neuromancer
 * shelves/science  "Science"  books: brief-history, cosmos, selfish-gene
 * </pre>
 *
 * <p>Stateless.
 */
final class BookstoreSeed {

  /** The create time of every seeded shelf and book. */
  static final Instant SEEDED_AT = Instant.parse("2024-05-01T12:00:00Z");

  private BookstoreSeed() {}

  static void populate(BookstoreRepository repository) {
    shelf(repository, "fiction", "Fiction");
    book(repository, "fiction", "dune", "Dune", "Frank Herbert", 1965, true);
    book(repository, "fiction", "dune-messiah", "Dune Messiah", "Frank Herbert", 1969, false);
    book(repository, "fiction", "foundation", "Foundation", "Isaac Asimov", 1951, true);
    book(repository, "fiction", "left-hand", "The Left Hand of Darkness", "Ursula K. Le Guin",
        1969, false);
    book(repository, "fiction", "neuromancer", "Neuromancer", "William Gibson", 1984, true);
    shelf(repository, "science", "Science");
    book(repository, "science", "brief-history", "A Brief History of Time", "Stephen Hawking",
        1988, false);
    book(repository, "science", "cosmos", "Cosmos", "Carl Sagan", 1980, true);
    book(repository, "science", "selfish-gene", "The Selfish Gene", "Richard Dawkins", 1976,
        false);
  }

  private static void shelf(BookstoreRepository repository, String id, String theme) {
    repository.insert(Shelf.newBuilder()
        .setName("shelves/" + id)
        .setTheme(theme)
        .setCreateTime(ProtoTime.of(SEEDED_AT))
        .build());
  }

  private static void book(BookstoreRepository repository, String shelf, String id, String title,
      String author, int year, boolean read) {
    repository.insert(Book.newBuilder()
        .setName("shelves/" + shelf + "/books/" + id)
        .setTitle(title)
        .setAuthor(author)
        .setPublicationYear(year)
        .setRead(read)
        .setState(Book.State.ACTIVE)
        .setCreateTime(ProtoTime.of(SEEDED_AT))
        .setUpdateTime(ProtoTime.of(SEEDED_AT))
        .build());
  }
}
