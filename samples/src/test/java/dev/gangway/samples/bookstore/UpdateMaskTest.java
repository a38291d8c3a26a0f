package dev.gangway.samples.bookstore;

import static dev.gangway.samples.GrpcTesting.detail;
import static dev.gangway.samples.GrpcTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.rpc.BadRequest;
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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UpdateBook's update_mask semantics, over gRPC against the seeded book shelves/fiction/books/dune. */
class UpdateMaskTest {

  private static final String DUNE = "shelves/fiction/books/dune";
  private static final Instant NOW = Instant.parse("2025-06-07T08:09:10Z");

  private RunningSamples samples;
  private ManagedChannel channel;
  private BookstoreGrpc.BookstoreBlockingStub bookstore;
  private Book before;

  @BeforeEach
  void start() throws Exception {
    samples = SampleServers.builder()
        .backends(SampleBackend.BOOKSTORE)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .start();
    channel = GrpcTesting.channel(samples, SampleBackend.BOOKSTORE);
    bookstore = BookstoreGrpc.newBlockingStub(channel);
    before = bookstore.getBook(GetBookRequest.newBuilder().setName(DUNE).build());
  }

  @AfterEach
  void stop() throws Exception {
    GrpcTesting.shutdown(channel);
    samples.close();
  }

  private Book update(Book.Builder patch, String... paths) {
    return bookstore.updateBook(UpdateBookRequest.newBuilder()
        .setBook(patch.setName(DUNE))
        .setUpdateMask(FieldMask.newBuilder().addAllPaths(List.of(paths)))
        .build());
  }

  @Test
  void onlyMaskedFieldsChange() {
    Book after = update(Book.newBuilder().setTitle("Dune (1965)").setAuthor("Someone Else"),
        "title");

    assertThat(after.getTitle()).isEqualTo("Dune (1965)");
    assertThat(after.getAuthor()).isEqualTo("Frank Herbert");
    assertThat(after.getPublicationYear()).isEqualTo(1965);
    assertThat(after.getUpdateTime().getSeconds()).isEqualTo(NOW.getEpochSecond());
    assertThat(after.getCreateTime()).isEqualTo(before.getCreateTime());
    assertThat(bookstore.getBook(GetBookRequest.newBuilder().setName(DUNE).build()))
        .isEqualTo(after);
  }

  @Test
  void aMaskedFieldLeftAtItsDefaultIsCleared() {
    Book after = update(Book.newBuilder(), "read", "publication_year");

    assertThat(after.getRead()).isFalse();
    assertThat(after.getPublicationYear()).isZero();
    assertThat(after.getTitle()).isEqualTo("Dune");
  }

  @Test
  void anEmptyMaskAppliesEveryFieldTheRequestSets() {
    Book after = update(Book.newBuilder().setAuthor("F. Herbert").setPublicationYear(1966));

    assertThat(after.getAuthor()).isEqualTo("F. Herbert");
    assertThat(after.getPublicationYear()).isEqualTo(1966);
    assertThat(after.getTitle()).as("unset in the request: unchanged").isEqualTo("Dune");
    assertThat(after.getRead()).as("false is the default, so not 'set': unchanged").isTrue();
  }

  @Test
  void starReplacesEveryMutableField() {
    Book after = update(Book.newBuilder().setTitle("Only a title"), "*");

    assertThat(after.getTitle()).isEqualTo("Only a title");
    assertThat(after.getAuthor()).isEmpty();
    assertThat(after.getPublicationYear()).isZero();
    assertThat(after.getRead()).isFalse();
    assertThat(after.getState()).isEqualTo(Book.State.ACTIVE);
    assertThat(after.getName()).isEqualTo(DUNE);
  }

  @Test
  void outputOnlyPathsAreIgnored() {
    Book after = update(Book.newBuilder().setState(Book.State.ARCHIVED).setAuthor("X"),
        "state", "create_time", "author");

    assertThat(after.getState()).isEqualTo(Book.State.ACTIVE);
    assertThat(after.getAuthor()).isEqualTo("X");
  }

  @Test
  void rejectsAnUnknownPath() {
    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT,
        () -> update(Book.newBuilder().setTitle("x"), "title", "isbn"));

    assertThat(e.getStatus().getDescription()).isEqualTo(
        "update_mask: unknown path \"isbn\"; use title, author, publication_year, read or *");
    assertThat(detail(e, BadRequest.class).getFieldViolations(0).getField())
        .isEqualTo("update_mask");
    assertThat(bookstore.getBook(GetBookRequest.newBuilder().setName(DUNE).build()))
        .as("nothing changed").isEqualTo(before);
  }

  @Test
  void rejectsClearingTheTitle() {
    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT,
        () -> update(Book.newBuilder(), "title"));

    assertThat(detail(e, BadRequest.class).getFieldViolations(0).getField())
        .isEqualTo("book.title");
  }

  @Test
  void rejectsAnUpdateWithoutName() {
    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT, () ->
        bookstore.updateBook(UpdateBookRequest.newBuilder()
            .setBook(Book.newBuilder().setTitle("x"))
            .build()));

    assertThat(e.getStatus().getDescription()).isEqualTo("book.name: must name the book to update");
  }

  @Test
  void updatingAMissingBookIsNotFound() {
    failure(Status.Code.NOT_FOUND, () -> bookstore.updateBook(UpdateBookRequest.newBuilder()
        .setBook(Book.newBuilder().setName("shelves/fiction/books/nope").setTitle("x"))
        .build()));
  }
}
