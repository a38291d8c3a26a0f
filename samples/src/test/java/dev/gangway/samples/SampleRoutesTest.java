package dev.gangway.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.rpc.Code;
import dev.gangway.samples.bookstore.ArchiveBookRequest;
import dev.gangway.samples.bookstore.Book;
import dev.gangway.samples.bookstore.ListBooksRequest;
import dev.gangway.samples.bookstore.UpdateBookRequest;
import dev.gangway.samples.diagnostics.FailRequest;
import dev.gangway.samples.diagnostics.GetItemRequest;
import dev.gangway.samples.diagnostics.ListItemsRequest;
import dev.gangway.samples.live.ChatMessage;
import dev.gangway.samples.live.Quote;
import dev.gangway.samples.live.WatchTickerRequest;
import dev.gangway.samples.pricing.BatchGetPricesRequest;
import dev.gangway.samples.pricing.GetPriceRequest;
import dev.gangway.samples.reviews.GetUserRequest;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.TranscodedRequest;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.TranscoderRequest;
import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.routing.HttpBinding;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sample descriptor set through the transcoder: it loads cleanly, and the documented HTTP
 * requests become the request messages the services expect.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleRoutesTest {

  private Transcoder transcoder;

  @BeforeAll
  void load() {
    transcoder = Transcoder.build(
        DescriptorLoader.load(List.of(DescriptorSource.path(DescriptorSetTest.DESCRIPTOR_SET))),
        TranscoderOptions.DEFAULT);
  }

  @Test
  void loadsWithoutProblemsOrConflicts() {
    assertThat(transcoder.problems()).isEmpty();
    assertThat(transcoder.conflicts()).isEmpty();
  }

  @Test
  void annotatesEverySampleMethod() {
    List<String> annotated = transcoder.routes().stream()
        .filter(route -> route.grpcMethodName().startsWith("gangway.samples."))
        .filter(route -> route.binding().origin() != HttpBinding.Origin.AUTO_MAPPING)
        .map(MethodRoute::describe)
        .toList();

    assertThat(annotated).hasSize(27);
  }

  @Test
  void listBooksTakesPagingAndFilterFromTheQuery() throws Exception {
    ListBooksRequest request = bind(ListBooksRequest.parser(), TranscoderRequest.of("GET",
        "/v1/shelves/fiction/books?page_size=2&pageToken=abc&filter=author%3D%22Frank%20Herbert%22"));

    assertThat(request).isEqualTo(ListBooksRequest.newBuilder()
        .setParent("shelves/fiction")
        .setPageSize(2)
        .setPageToken("abc")
        .setFilter("author=\"Frank Herbert\"")
        .build());
  }

  @Test
  void patchTakesTheBookFromTheBodyAndTheMaskFromTheQuery() throws Exception {
    UpdateBookRequest request = bind(UpdateBookRequest.parser(), json("PATCH",
        "/v1/shelves/fiction/books/dune?update_mask=title,publicationYear",
        "{\"title\": \"Dune!\", \"publicationYear\": 1966}"));

    assertThat(request.getBook()).isEqualTo(Book.newBuilder()
        .setName("shelves/fiction/books/dune").setTitle("Dune!").setPublicationYear(1966).build());
    assertThat(request.getUpdateMask().getPathsList())
        .containsExactly("title", "publication_year");
  }

  @Test
  void archiveIsAPostWithTheCustomVerb() throws Exception {
    ArchiveBookRequest request = bind(ArchiveBookRequest.parser(),
        json("POST", "/v1/shelves/fiction/books/dune:archive", "{}"));

    assertThat(request.getName()).isEqualTo("shelves/fiction/books/dune");
  }

  @Test
  void pricesTakeTheCurrencyFromTheQueryOrTheBody() throws Exception {
    assertThat(bind(GetPriceRequest.parser(),
        TranscoderRequest.of("GET", "/v1/prices/p-100?currency=EUR")))
        .isEqualTo(GetPriceRequest.newBuilder().setProductId("p-100").setCurrency("EUR").build());
    assertThat(bind(BatchGetPricesRequest.parser(), json("POST", "/v1/prices:batchGet",
        "{\"productIds\": [\"p-100\", \"p-300\"], \"currency\": \"GBP\"}")).getProductIdsList())
        .containsExactly("p-100", "p-300");
  }

  @Test
  void failTakesTheCodeByName() throws Exception {
    FailRequest request = bind(FailRequest.parser(),
        TranscoderRequest.of("GET", "/v1/diagnostics/fail?code=NOT_FOUND&message=gone"));

    assertThat(request.getCode()).isEqualTo(Code.NOT_FOUND);
    assertThat(request.getMessage()).isEqualTo("gone");
  }

  @Test
  void getItemTakesTheIdFromThePathAndTheDelayFromTheQuery() throws Exception {
    GetItemRequest request = bind(GetItemRequest.parser(),
        TranscoderRequest.of("GET", "/v1/diagnostics/items/item-3?delay_millis=200"));

    assertThat(request).isEqualTo(
        GetItemRequest.newBuilder().setId("item-3").setDelayMillis(200).build());
    assertThat(bind(ListItemsRequest.parser(),
        TranscoderRequest.of("GET", "/v1/diagnostics/items?count=20")).getCount()).isEqualTo(20);
  }

  @Test
  void getUserTakesTheIdFromThePath() throws Exception {
    assertThat(bind(GetUserRequest.parser(), TranscoderRequest.of("GET", "/v1/users/u-bob")))
        .isEqualTo(GetUserRequest.newBuilder().setId("u-bob").build());
  }

  @Test
  void tickerTakesTheSymbolFromThePathAndThePaceFromTheQuery() throws Exception {
    WatchTickerRequest request = bind(WatchTickerRequest.parser(),
        TranscoderRequest.of("GET", "/v1/tickers/ACME:watch?interval_ms=500&count=5"));

    assertThat(request).isEqualTo(WatchTickerRequest.newBuilder()
        .setSymbol("ACME").setIntervalMs(500).setCount(5).build());
  }

  @Test
  void chatBindsTheRoomFromThePathIntoTheMessage() throws Exception {
    ChatMessage message = bind(ChatMessage.parser(),
        json("POST", "/v1/rooms/lobby/messages:chat", "{\"user\": \"alice\"}"));

    assertThat(message).isEqualTo(
        ChatMessage.newBuilder().setRoom("lobby").setUser("alice").build());
  }

  @Test
  void recordTakesAQuotePerMessage() throws Exception {
    Quote quote = bind(Quote.parser(),
        json("POST", "/v1/tickers:record", "{\"symbol\": \"ACME\", \"price\": 12.5}"));

    assertThat(quote).isEqualTo(Quote.newBuilder().setSymbol("ACME").setPrice(12.5).build());
  }

  private <T extends Message> T bind(Parser<T> parser, TranscoderRequest http)
      throws Exception {
    TranscodedRequest transcoded = transcoder.transcode(http);
    return parser.parseFrom(transcoded.message());
  }

  private static TranscoderRequest json(String method, String target, String body) {
    return TranscoderRequest.of(
        method, target, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }
}
