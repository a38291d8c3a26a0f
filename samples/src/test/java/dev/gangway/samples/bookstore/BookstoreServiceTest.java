package dev.gangway.samples.bookstore;

import static dev.gangway.samples.GrpcTesting.detail;
import static dev.gangway.samples.GrpcTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.ResourceInfo;
import dev.gangway.samples.GrpcTesting;
import dev.gangway.samples.RunningSamples;
import dev.gangway.samples.SampleBackend;
import dev.gangway.samples.SampleServers;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BookstoreServiceTest {

  private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

  private RunningSamples samples;
  private ManagedChannel channel;
  private BookstoreGrpc.BookstoreBlockingStub bookstore;

  @BeforeEach
  void start() throws Exception {
    samples = SampleServers.builder()
        .backends(SampleBackend.BOOKSTORE)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .start();
    channel = GrpcTesting.channel(samples, SampleBackend.BOOKSTORE);
    bookstore = BookstoreGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void stop() throws Exception {
    GrpcTesting.shutdown(channel);
    samples.close();
  }

  @Test
  void listsTheSeededShelves() {
    ListShelvesResponse response = bookstore.listShelves(ListShelvesRequest.getDefaultInstance());

    assertThat(response.getShelvesList()).extracting(Shelf::getName, Shelf::getTheme)
        .containsExactly(
            tuple("shelves/fiction", "Fiction"),
            tuple("shelves/science", "Science"));
    assertThat(response.getNextPageToken()).isEmpty();
  }

  @Test
  void getsASeededBook() {
    Book dune = bookstore.getBook(GetBookRequest.newBuilder()
        .setName("shelves/fiction/books/dune").build());

    assertThat(dune.getTitle()).isEqualTo("Dune");
    assertThat(dune.getAuthor()).isEqualTo("Frank Herbert");
    assertThat(dune.getPublicationYear()).isEqualTo(1965);
    assertThat(dune.getRead()).isTrue();
    assertThat(dune.getState()).isEqualTo(Book.State.ACTIVE);
  }

  @Test
  void shelfLifecycleCreateGetDelete() {
    Shelf created = bookstore.createShelf(CreateShelfRequest.newBuilder()
        .setShelfId("poetry")
        .setShelf(Shelf.newBuilder().setTheme("Poetry").setName("ignored"))
        .build());

    assertThat(created.getName()).isEqualTo("shelves/poetry");
    assertThat(created.getCreateTime().getSeconds()).isEqualTo(NOW.getEpochSecond());
    assertThat(bookstore.getShelf(GetShelfRequest.newBuilder().setName("shelves/poetry").build()))
        .isEqualTo(created);

    bookstore.deleteShelf(DeleteShelfRequest.newBuilder().setName("shelves/poetry").build());

    failure(Status.Code.NOT_FOUND, () ->
        bookstore.getShelf(GetShelfRequest.newBuilder().setName("shelves/poetry").build()));
  }

  @Test
  void assignsAShelfIdWhenNoneIsGiven() {
    Shelf first = bookstore.createShelf(CreateShelfRequest.newBuilder()
        .setShelf(Shelf.newBuilder().setTheme("One")).build());
    Shelf second = bookstore.createShelf(CreateShelfRequest.newBuilder()
        .setShelf(Shelf.newBuilder().setTheme("Two")).build());

    assertThat(first.getName()).isEqualTo("shelves/1");
    assertThat(second.getName()).isEqualTo("shelves/2");
  }

  @Test
  void creatingAnExistingShelfIsAlreadyExistsWithResourceInfo() {
    StatusRuntimeException e = failure(Status.Code.ALREADY_EXISTS, () ->
        bookstore.createShelf(CreateShelfRequest.newBuilder()
            .setShelfId("fiction")
            .setShelf(Shelf.newBuilder().setTheme("Again"))
            .build()));

    assertThat(e.getStatus().getDescription())
        .isEqualTo("shelf \"shelves/fiction\" already exists");
    assertThat(detail(e, ResourceInfo.class).getResourceName()).isEqualTo("shelves/fiction");
  }

  @Test
  void deletingAShelfWithBooksNeedsForce() {
    DeleteShelfRequest delete = DeleteShelfRequest.newBuilder().setName("shelves/science").build();

    StatusRuntimeException e = failure(Status.Code.FAILED_PRECONDITION,
        () -> bookstore.deleteShelf(delete));
    assertThat(detail(e, ErrorInfo.class).getReason()).isEqualTo("SHELF_NOT_EMPTY");

    bookstore.deleteShelf(delete.toBuilder().setForce(true).build());
    failure(Status.Code.NOT_FOUND, () -> bookstore.getBook(
        GetBookRequest.newBuilder().setName("shelves/science/books/cosmos").build()));
  }

  @Test
  void bookLifecycleCreateGetListDelete() {
    Book created = bookstore.createBook(CreateBookRequest.newBuilder()
        .setParent("shelves/science")
        .setBookId("origin")
        .setBook(Book.newBuilder()
            .setTitle("On the Origin of Species")
            .setAuthor("Charles Darwin")
            .setPublicationYear(1859)
            .setState(Book.State.ARCHIVED))
        .build());

    assertThat(created.getName()).isEqualTo("shelves/science/books/origin");
    assertThat(created.getState()).as("output only: set by the server").isEqualTo(Book.State.ACTIVE);
    assertThat(created.getCreateTime().getSeconds()).isEqualTo(NOW.getEpochSecond());
    assertThat(bookstore.getBook(GetBookRequest.newBuilder().setName(created.getName()).build()))
        .isEqualTo(created);
    assertThat(bookstore.listBooks(ListBooksRequest.newBuilder().setParent("shelves/science")
        .build()).getBooksList()).contains(created);

    bookstore.deleteBook(DeleteBookRequest.newBuilder().setName(created.getName()).build());

    StatusRuntimeException e = failure(Status.Code.NOT_FOUND, () ->
        bookstore.getBook(GetBookRequest.newBuilder().setName(created.getName()).build()));
    assertThat(e.getStatus().getDescription())
        .isEqualTo("book \"shelves/science/books/origin\" not found");
  }

  @Test
  void creatingABookOnAMissingShelfIsNotFound() {
    StatusRuntimeException e = failure(Status.Code.NOT_FOUND, () ->
        bookstore.createBook(CreateBookRequest.newBuilder()
            .setParent("shelves/nope")
            .setBook(Book.newBuilder().setTitle("T"))
            .build()));

    ResourceInfo info = detail(e, ResourceInfo.class);
    assertThat(info.getResourceType()).isEqualTo("gangway.samples.bookstore.v1.Shelf");
    assertThat(info.getResourceName()).isEqualTo("shelves/nope");
  }

  @Test
  void rejectsABookWithoutTitleNamingTheField() {
    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT, () ->
        bookstore.createBook(CreateBookRequest.newBuilder()
            .setParent("shelves/fiction")
            .setBook(Book.newBuilder().setAuthor("Nobody"))
            .build()));

    assertThat(e.getStatus().getDescription()).isEqualTo("book.title: must not be empty");
    BadRequest.FieldViolation violation = detail(e, BadRequest.class).getFieldViolations(0);
    assertThat(violation.getField()).isEqualTo("book.title");
  }

  @Test
  void rejectsAnInvalidClientChosenId() {
    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT, () ->
        bookstore.createShelf(CreateShelfRequest.newBuilder()
            .setShelfId("Has Spaces")
            .setShelf(Shelf.newBuilder().setTheme("x"))
            .build()));

    assertThat(detail(e, BadRequest.class).getFieldViolations(0).getField()).isEqualTo("shelf_id");
  }

  @Test
  void rejectsAMalformedResourceName() {
    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT, () ->
        bookstore.getBook(GetBookRequest.newBuilder().setName("shelves/fiction/dune").build()));

    assertThat(e.getStatus().getDescription()).isEqualTo(
        "name: \"shelves/fiction/dune\" is not a book name (shelves/{shelf}/books/{book})");
  }

  @Test
  void archivingTwiceIsFailedPrecondition() {
    ArchiveBookRequest archive =
        ArchiveBookRequest.newBuilder().setName("shelves/fiction/books/foundation").build();

    Book archived = bookstore.archiveBook(archive);
    assertThat(archived.getState()).isEqualTo(Book.State.ARCHIVED);
    assertThat(archived.getArchiveTime().getSeconds()).isEqualTo(NOW.getEpochSecond());

    StatusRuntimeException e = failure(Status.Code.FAILED_PRECONDITION,
        () -> bookstore.archiveBook(archive));
    ErrorInfo info = detail(e, ErrorInfo.class);
    assertThat(info.getReason()).isEqualTo("BOOK_ARCHIVED");
    assertThat(info.getDomain()).isEqualTo("samples.gangway.dev");
    assertThat(info.getMetadataMap()).containsEntry("book", "shelves/fiction/books/foundation");
  }

  @Test
  void archivedBooksCannotBeUpdated() {
    bookstore.archiveBook(
        ArchiveBookRequest.newBuilder().setName("shelves/fiction/books/dune").build());

    failure(Status.Code.FAILED_PRECONDITION, () -> bookstore.updateBook(
        UpdateBookRequest.newBuilder()
            .setBook(Book.newBuilder().setName("shelves/fiction/books/dune").setTitle("New"))
            .build()));
  }

  @Test
  void archivingAMissingBookIsNotFound() {
    failure(Status.Code.NOT_FOUND, () -> bookstore.archiveBook(
        ArchiveBookRequest.newBuilder().setName("shelves/fiction/books/missing").build()));
  }
}
