package dev.gangway.samples.bookstore;

import static dev.gangway.samples.GrpcTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BookFilterTest {

  private static final Book DUNE = Book.newBuilder()
      .setTitle("Dune").setAuthor("Frank Herbert").setRead(true).setState(Book.State.ACTIVE)
      .build();

  @Test
  void anEmptyFilterMatchesEverything() {
    assertThat(BookFilter.parse("   ").terms()).isEmpty();
    assertThat(BookFilter.parse("").matches(Book.getDefaultInstance())).isTrue();
  }

  @Test
  void parsesTermsJoinedByAnd() {
    BookFilter filter = BookFilter.parse(" author = \"Frank Herbert\"  AND read=true AND title=dune");

    assertThat(filter.terms()).containsExactly(
        new BookFilter.Term(BookFilter.Field.AUTHOR, "Frank Herbert"),
        new BookFilter.Term(BookFilter.Field.READ, "true"),
        new BookFilter.Term(BookFilter.Field.TITLE, "dune"));
    assertThat(filter.matches(DUNE)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "author=Herbert          | false",
      "title=DUNE              | true",
      "read=false              | false",
      "state=ARCHIVED          | false",
      "state=active            | true",
      "title=Dune AND read=false | false"})
  void matchesWholeValuesIgnoringCase(String filter, boolean matches) {
    assertThat(BookFilter.parse(filter).matches(DUNE)).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "author              | expected '=' after author (index 6)",
      "author=             | expected a value (index 7)",
      "=x                  | expected a field (author, title, read or state), found nothing (index 0)",
      "author=\"open       | unterminated quoted value (index 7)",
      "read=yes            | read takes true or false, found \"yes\" (index 5)",
      "state=GONE          | state takes ACTIVE or ARCHIVED, found \"GONE\" (index 6)",
      "title=a OR title=b  | expected AND (index 8)",
      "title=a AND         | expected a field (author, title, read or state), found nothing (index 11)"})
  void rejectsBadSyntaxNamingIndexAndReason(String filter, String reason) {
    var e = failure(Status.Code.INVALID_ARGUMENT, () -> BookFilter.parse(filter));

    assertThat(e.getStatus().getDescription())
        .isEqualTo("filter: \"" + filter + "\": " + reason);
  }
}
