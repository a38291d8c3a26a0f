package dev.gangway.samples.bookstore;

import com.google.protobuf.Empty;
import dev.gangway.samples.bookstore.BookstoreNames.BookName;
import dev.gangway.samples.bookstore.BookstoreNames.ShelfName;
import dev.gangway.samples.support.Errors;
import dev.gangway.samples.support.Pages;
import dev.gangway.samples.support.Unary;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code gangway.samples.bookstore.v1.Bookstore} service over an in-memory store.
 *
 * <p>Thread-safe (the store locks). Requests are checked here; the store enforces existence and
 * state. {@link #seeded(Clock)} gives the demo data of {@link BookstoreSeed}.
 */
public final class BookstoreService extends BookstoreGrpc.BookstoreImplBase {

  private final BookstoreRepository repository;

  private BookstoreService(BookstoreRepository repository) {
    this.repository = repository;
  }

  /** An empty bookstore whose create and update times come from {@code clock}. */
  public static BookstoreService empty(Clock clock) {
    return new BookstoreService(new BookstoreRepository(Objects.requireNonNull(clock, "clock")));
  }

  /** A bookstore holding the demo shelves and books. */
  public static BookstoreService seeded(Clock clock) {
    BookstoreRepository repository = new BookstoreRepository(Objects.requireNonNull(clock, "clock"));
    BookstoreSeed.populate(repository);
    return new BookstoreService(repository);
  }

  @Override
  public void listShelves(ListShelvesRequest request, StreamObserver<ListShelvesResponse> out) {
    Unary.respond(out, () -> {
      Pages.Page<Shelf> page = Pages.page(repository.shelves(), Shelf::getName,
          request.getPageSize(), request.getPageToken(), "");
      return ListShelvesResponse.newBuilder()
          .addAllShelves(page.items())
          .setNextPageToken(page.nextPageToken())
          .build();
    });
  }

  @Override
  public void createShelf(CreateShelfRequest request, StreamObserver<Shelf> out) {
    Unary.respond(out, () -> {
      if (!request.getShelfId().isEmpty()) {
        BookstoreNames.checkId("shelf_id", request.getShelfId());
      }
      if (request.getShelf().getTheme().isEmpty()) {
        throw Errors.invalidArgument("shelf.theme", "must not be empty");
      }
      return repository.createShelf(request.getShelfId(), request.getShelf().getTheme());
    });
  }

  @Override
  public void getShelf(GetShelfRequest request, StreamObserver<Shelf> out) {
    Unary.respond(out, () -> repository.shelf(BookstoreNames.shelf("name", request.getName())));
  }

  @Override
  public void deleteShelf(DeleteShelfRequest request, StreamObserver<Empty> out) {
    Unary.respond(out, () -> {
      repository.deleteShelf(BookstoreNames.shelf("name", request.getName()), request.getForce());
      return Empty.getDefaultInstance();
    });
  }

  @Override
  public void listBooks(ListBooksRequest request, StreamObserver<ListBooksResponse> out) {
    Unary.respond(out, () -> {
      ShelfName shelf = BookstoreNames.shelf("parent", request.getParent());
      BookFilter filter = BookFilter.parse(request.getFilter());
      List<Book> matching = new ArrayList<>();
      for (Book book : repository.books(shelf)) {
        if (filter.matches(book)) {
          matching.add(book);
        }
      }
      // The token binds the shelf and the filter: a token from another query is rejected.
      Pages.Page<Book> page = Pages.page(matching, Book::getName,
          request.getPageSize(), request.getPageToken(), shelf.format() + "\n" + request.getFilter());
      return ListBooksResponse.newBuilder()
          .addAllBooks(page.items())
          .setNextPageToken(page.nextPageToken())
          .build();
    });
  }

  @Override
  public void createBook(CreateBookRequest request, StreamObserver<Book> out) {
    Unary.respond(out, () -> {
      ShelfName shelf = BookstoreNames.shelf("parent", request.getParent());
      if (!request.getBookId().isEmpty()) {
        BookstoreNames.checkId("book_id", request.getBookId());
      }
      Book fields = request.getBook();
      if (fields.getTitle().isEmpty()) {
        throw Errors.invalidArgument("book.title", "must not be empty");
      }
      // Only the mutable fields are taken from the client; the store sets the rest.
      Book book = Book.newBuilder()
          .setTitle(fields.getTitle())
          .setAuthor(fields.getAuthor())
          .setPublicationYear(fields.getPublicationYear())
          .setRead(fields.getRead())
          .build();
      return repository.createBook(shelf, request.getBookId(), book);
    });
  }

  @Override
  public void getBook(GetBookRequest request, StreamObserver<Book> out) {
    Unary.respond(out, () -> repository.book(BookstoreNames.book("name", request.getName())));
  }

  @Override
  public void updateBook(UpdateBookRequest request, StreamObserver<Book> out) {
    Unary.respond(out, () -> {
      Book patch = request.getBook();
      if (patch.getName().isEmpty()) {
        throw Errors.invalidArgument("book.name", "must name the book to update");
      }
      BookName name = BookstoreNames.book("book.name", patch.getName());
      Set<String> paths = BookUpdate.paths(patch, request.getUpdateMask());
      return repository.updateBook(name, current -> BookUpdate.apply(current, patch, paths));
    });
  }

  @Override
  public void deleteBook(DeleteBookRequest request, StreamObserver<Empty> out) {
    Unary.respond(out, () -> {
      repository.deleteBook(BookstoreNames.book("name", request.getName()));
      return Empty.getDefaultInstance();
    });
  }

  @Override
  public void archiveBook(ArchiveBookRequest request, StreamObserver<Book> out) {
    Unary.respond(out, () -> repository.archiveBook(BookstoreNames.book("name", request.getName())));
  }
}
