package dev.gangway.samples.bookstore;

import static dev.gangway.samples.GrpcTesting.detail;
import static dev.gangway.samples.GrpcTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import dev.gangway.samples.GrpcTesting;
import dev.gangway.samples.RunningSamples;
import dev.gangway.samples.SampleBackend;
import dev.gangway.samples.SampleServers;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ListBooks and ListShelves: pagination with opaque tokens, and the filter. */
class ListBooksTest {

  private static final List<String> FICTION = List.of(
      "shelves/fiction/books/dune",
      "shelves/fiction/books/dune-messiah",
      "shelves/fiction/books/foundation",
      "shelves/fiction/books/left-hand",
      "shelves/fiction/books/neuromancer");

  private RunningSamples samples;
  private ManagedChannel channel;
  private BookstoreGrpc.BookstoreBlockingStub bookstore;

  @BeforeEach
  void start() throws Exception {
    samples = SampleServers.builder().backends(SampleBackend.BOOKSTORE).start();
    channel = GrpcTesting.channel(samples, SampleBackend.BOOKSTORE);
    bookstore = BookstoreGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void stop() throws Exception {
    GrpcTesting.shutdown(channel);
    samples.close();
  }

  private ListBooksResponse list(int pageSize, String pageToken, String filter) {
    return bookstore.listBooks(ListBooksRequest.newBuilder()
        .setParent("shelves/fiction")
        .setPageSize(pageSize)
        .setPageToken(pageToken)
        .setFilter(filter)
        .build());
  }

  private static List<String> names(ListBooksResponse response) {
    return response.getBooksList().stream().map(Book::getName).toList();
  }

  @Test
  void pagesThroughAShelfInNameOrder() {
    ListBooksResponse first = list(2, "", "");
    ListBooksResponse second = list(2, first.getNextPageToken(), "");
    ListBooksResponse third = list(2, second.getNextPageToken(), "");

    assertThat(names(first)).isEqualTo(FICTION.subList(0, 2));
    assertThat(names(second)).isEqualTo(FICTION.subList(2, 4));
    assertThat(names(third)).isEqualTo(FICTION.subList(4, 5));
    assertThat(third.getNextPageToken()).isEmpty();
  }

  @Test
  void aFullLastPageHasNoNextToken() {
    ListBooksResponse all = list(5, "", "");

    assertThat(names(all)).isEqualTo(FICTION);
    assertThat(all.getNextPageToken()).isEmpty();
  }

  @Test
  void zeroPageSizeMeansTheDefault() {
    assertThat(names(list(0, "", ""))).isEqualTo(FICTION);
  }

  @Test
  void changesBetweenPagesNeitherRepeatNorSkipOtherBooks() {
    ListBooksResponse first = list(2, "", "");
    bookstore.deleteBook(DeleteBookRequest.newBuilder()
        .setName("shelves/fiction/books/dune-messiah").build());
    bookstore.createBook(CreateBookRequest.newBuilder()
        .setParent("shelves/fiction").setBookId("aaa")
        .setBook(Book.newBuilder().setTitle("Before everything")).build());

    List<String> rest = new ArrayList<>();
    String token = first.getNextPageToken();
    while (!token.isEmpty()) {
      ListBooksResponse page = list(2, token, "");
      rest.addAll(names(page));
      token = page.getNextPageToken();
    }

    assertThat(rest).isEqualTo(FICTION.subList(2, 5));
  }

  @Test
  void rejectsAPageTokenItDidNotIssue() {
    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT,
        () -> list(2, "not-a-token!", ""));

    assertThat(e.getStatus().getDescription())
        .isEqualTo("page_token: not a page token from this service");
    assertThat(detail(e, BadRequest.class).getFieldViolations(0).getField())
        .isEqualTo("page_token");
  }

  @Test
  void rejectsAPageTokenUsedWithAnotherFilter() {
    String token = list(1, "", "author=\"Frank Herbert\"").getNextPageToken();
    assertThat(token).isNotEmpty();

    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT,
        () -> list(1, token, "read=true"));

    assertThat(e.getStatus().getDescription()).startsWith("page_token: belongs to a different query");
  }

  @Test
  void rejectsANegativePageSize() {
    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT, () -> list(-1, "", ""));

    assertThat(e.getStatus().getDescription()).isEqualTo("page_size: must not be negative, got -1");
  }

  @Test
  void filtersByAuthor() {
    assertThat(names(list(0, "", "author=\"frank herbert\""))).containsExactly(
        "shelves/fiction/books/dune", "shelves/fiction/books/dune-messiah");
  }

  @Test
  void filtersByReadAndAuthorTogether() {
    assertThat(names(list(0, "", "read=true AND author=\"Frank Herbert\"")))
        .containsExactly("shelves/fiction/books/dune");
  }

  @Test
  void filtersByState() {
    bookstore.archiveBook(ArchiveBookRequest.newBuilder()
        .setName("shelves/fiction/books/neuromancer").build());

    assertThat(names(list(0, "", "state=ARCHIVED")))
        .containsExactly("shelves/fiction/books/neuromancer");
    assertThat(names(list(0, "", "state=active"))).hasSize(4);
  }

  @Test
  void paginatesFilteredResults() {
    ListBooksResponse first = list(1, "", "read=false");
    ListBooksResponse second = list(1, first.getNextPageToken(), "read=false");

    assertThat(names(first)).containsExactly("shelves/fiction/books/dune-messiah");
    assertThat(names(second)).containsExactly("shelves/fiction/books/left-hand");
    assertThat(second.getNextPageToken()).isEmpty();
  }

  @Test
  void rejectsABadFilterNamingTheProblem() {
    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT,
        () -> list(0, "", "isbn=123"));

    assertThat(e.getStatus().getDescription()).isEqualTo(
        "filter: \"isbn=123\": expected a field (author, title, read or state), found \"isbn\""
            + " (index 0)");
    assertThat(detail(e, BadRequest.class).getFieldViolations(0).getField()).isEqualTo("filter");
  }

  @Test
  void listingBooksOfAMissingShelfIsNotFound() {
    failure(Status.Code.NOT_FOUND, () -> bookstore.listBooks(
        ListBooksRequest.newBuilder().setParent("shelves/nope").build()));
  }

  @Test
  void pagesThroughShelves() {
    ListShelvesResponse first =
        bookstore.listShelves(ListShelvesRequest.newBuilder().setPageSize(1).build());
    ListShelvesResponse second = bookstore.listShelves(ListShelvesRequest.newBuilder()
        .setPageSize(1).setPageToken(first.getNextPageToken()).build());

    assertThat(first.getShelves(0).getName()).isEqualTo("shelves/fiction");
    assertThat(second.getShelves(0).getName()).isEqualTo("shelves/science");
    assertThat(second.getNextPageToken()).isEmpty();
  }
}
