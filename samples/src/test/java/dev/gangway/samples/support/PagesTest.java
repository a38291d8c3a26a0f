package dev.gangway.samples.support;

import static dev.gangway.samples.GrpcTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PagesTest {

  private static final List<String> KEYS =
      IntStream.range(0, 250).mapToObj(i -> String.format("k%03d", i)).toList();

  @Test
  void capsThePageSizeAtTheMaximum() {
    Pages.Page<String> page = Pages.page(KEYS, Function.identity(), 1000, "", "");

    assertThat(page.items()).hasSize(Pages.MAX_PAGE_SIZE);
    assertThat(page.nextPageToken()).isNotEmpty();
  }

  @Test
  void aTokenResumesAfterTheLastKeyEvenIfThatItemIsGone() {
    String token = Pages.page(KEYS, Function.identity(), 3, "", "q").nextPageToken();
    List<String> withoutK002 = KEYS.stream().filter(k -> !k.equals("k002")).toList();

    assertThat(Pages.page(withoutK002, Function.identity(), 2, token, "q").items())
        .containsExactly("k003", "k004");
  }

  @Test
  void anEmptyListIsOneEmptyPage() {
    Pages.Page<String> page = Pages.page(List.of(), Function.identity(), 10, "", "");

    assertThat(page.items()).isEmpty();
    assertThat(page.nextPageToken()).isEmpty();
  }

  @Test
  void tokensAreUrlSafe() {
    String token = Pages.token("shelves/fiction/books/dune?&=", "filter with spaces");

    assertThat(token).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void rejectsATokenOfAnotherVersion() {
    String forged = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("v0:0:k001".getBytes(StandardCharsets.UTF_8));

    var e = failure(Status.Code.INVALID_ARGUMENT,
        () -> Pages.page(KEYS, Function.identity(), 10, forged, ""));

    assertThat(e.getStatus().getDescription())
        .isEqualTo("page_token: not a page token from this service");
  }
}
