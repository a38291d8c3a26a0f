package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.Code;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every Bookstore route through the gateway: path templates with resource names, query binding
 * (page size and token, filter, update mask, force), body mappings ({@code body: "shelf"},
 * {@code body: "book"}, {@code body: "*"}), the custom verb and the auto-mapped route. Tests
 * that change the store use their own shelf ids, prefixed {@code z-e2e-} so that they sort after
 * the seeded shelves and listings can be checked whatever ran before.
 */
class BookstoreRoutesIT {
  /** The prefix of every shelf these tests create. */
  private static final String OWN_SHELVES = "shelves/z-e2e-";

  @RegisterExtension static final GatewayHarness h = GatewayHarness.extension();

  @Test
  void listsSeededShelvesInNameOrder() {
    JsonNode body = h.getOk("/v1/shelves");

    List<String> names = Json.texts(body.path("shelves"), "name");
    assertThat(names.subList(0, 2)).containsExactly("shelves/fiction", "shelves/science");
    assertThat(names.subList(2, names.size())).allMatch(n -> n.startsWith(OWN_SHELVES));
    assertThat(Json.texts(body.path("shelves"), "theme").subList(0, 2))
        .containsExactly("Fiction", "Science");
    assertThat(body.path("shelves").get(0).path("createTime").asText())
        .isEqualTo("2024-05-01T12:00:00Z");
    // The last page: next_page_token is empty, and default values are not printed.
    assertThat(body.has("nextPageToken")).isFalse();
  }

  @Test
  void pagesThroughShelvesWithQueryParameters() {
    JsonNode first = h.getOk("/v1/shelves?page_size=1");
    assertThat(Json.texts(first.path("shelves"), "name")).containsExactly("shelves/fiction");
    String token = first.path("nextPageToken").asText();
    assertThat(token).isNotEmpty();

    // The JSON name works as a query parameter name as well as the proto name.
    JsonNode second = h.getOk("/v1/shelves?pageSize=1&pageToken=" + Net.encode(token));

    assertThat(Json.texts(second.path("shelves"), "name")).containsExactly("shelves/science");
  }

  @Test
  void getsShelfAndBookByResourceName() {
    JsonNode shelf = h.getOk("/v1/shelves/science");
    assertThat(shelf.path("name").asText()).isEqualTo("shelves/science");
    assertThat(shelf.path("theme").asText()).isEqualTo("Science");

    JsonNode book = h.getOk("/v1/shelves/fiction/books/dune");
    assertThat(book.path("name").asText()).isEqualTo("shelves/fiction/books/dune");
    assertThat(book.path("title").asText()).isEqualTo("Dune");
    assertThat(book.path("author").asText()).isEqualTo("Frank Herbert");
    assertThat(book.path("publicationYear").asInt()).isEqualTo(1965);
    assertThat(book.path("read").asBoolean()).isTrue();
    assertThat(book.path("state").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void listsBooksOfAShelfInNameOrder() {
    JsonNode body = h.getOk("/v1/shelves/fiction/books");

    assertThat(Json.texts(body.path("books"), "name")).containsExactly(
        "shelves/fiction/books/dune",
        "shelves/fiction/books/dune-messiah",
        "shelves/fiction/books/foundation",
        "shelves/fiction/books/left-hand",
        "shelves/fiction/books/neuromancer");
  }

  @Test
  void filterQueryParameterReachesTheBackend() {
    String filter = "author=\"Frank Herbert\" AND read=true";

    JsonNode body = h.getOk("/v1/shelves/fiction/books?filter=" + Net.encode(filter));

    assertThat(Json.texts(body.path("books"), "name"))
        .containsExactly("shelves/fiction/books/dune");
  }

  @Test
  void createsShelfFromBodyFieldAndIdFromQuery() {
    JsonNode created = Json.ok(h.send("POST", "/v1/shelves?shelf_id=z-e2e-created",
        "{\"theme\":\"Created by e2e\"}"));

    assertThat(created.path("name").asText()).isEqualTo("shelves/z-e2e-created");
    assertThat(created.path("theme").asText()).isEqualTo("Created by e2e");
    assertThat(created.path("createTime").asText()).isNotEmpty();
    assertThat(h.getOk("/v1/shelves/z-e2e-created").path("theme").asText())
        .isEqualTo("Created by e2e");
  }

  @Test
  void bookLifecycleCreateUpdateArchiveDelete() {
    Json.ok(h.send("POST", "/v1/shelves?shelf_id=z-e2e-lifecycle", "{\"theme\":\"Lifecycle\"}"));

    JsonNode created = Json.ok(h.send("POST", "/v1/shelves/z-e2e-lifecycle/books?bookId=b1",
        "{\"title\":\"Kindred\",\"author\":\"Octavia E. Butler\",\"publicationYear\":1979}"));
    assertThat(created.path("name").asText()).isEqualTo("shelves/z-e2e-lifecycle/books/b1");
    assertThat(created.path("state").asText()).isEqualTo("ACTIVE");
    assertThat(created.path("publicationYear").asInt()).isEqualTo(1979);

    // update_mask from the query: only "read" changes, the body's title is not applied.
    JsonNode updated = Json.ok(h.send("PATCH",
        "/v1/shelves/z-e2e-lifecycle/books/b1?update_mask=read",
        "{\"read\":true,\"title\":\"Not applied\"}"));
    assertThat(updated.path("read").asBoolean()).isTrue();
    assertThat(updated.path("title").asText()).isEqualTo("Kindred");

    // No update_mask: the gateway fills it with the body's keys ("read"), so read goes back to
    // its default value, which a mask-less update would have taken for "not sent".
    JsonNode unread = Json.ok(h.send("PATCH", "/v1/shelves/z-e2e-lifecycle/books/b1",
        "{\"read\":false}"));
    assertThat(unread.path("read").asBoolean()).isFalse();
    assertThat(unread.path("title").asText()).isEqualTo("Kindred");

    // The custom verb with body "*" and an empty body.
    JsonNode archived =
        Json.ok(h.send("POST", "/v1/shelves/z-e2e-lifecycle/books/b1:archive", "{}"));
    assertThat(archived.path("state").asText()).isEqualTo("ARCHIVED");
    assertThat(archived.path("archiveTime").asText()).isNotEmpty();

    JsonNode deleted = Json.ok(h.send("DELETE", "/v1/shelves/z-e2e-lifecycle/books/b1", null));
    assertThat(deleted.isObject()).isTrue();
    assertThat(deleted.size()).isZero();
    Json.error(h.get("/v1/shelves/z-e2e-lifecycle/books/b1"), 404, Code.NOT_FOUND);
  }

  @Test
  void deletesNonEmptyShelfOnlyWithForceFromTheQuery() {
    Json.ok(h.send("POST", "/v1/shelves?shelf_id=z-e2e-force", "{\"theme\":\"Force\"}"));
    Json.ok(h.send("POST", "/v1/shelves/z-e2e-force/books", "{\"title\":\"Solaris\"}"));

    Json.error(h.send("DELETE", "/v1/shelves/z-e2e-force", null), 400, Code.FAILED_PRECONDITION);
    Json.ok(h.send("DELETE", "/v1/shelves/z-e2e-force?force=true", null));

    Json.error(h.get("/v1/shelves/z-e2e-force"), 404, Code.NOT_FOUND);
  }

  @Test
  void autoMappedRouteTakesTheWholeRequestAsBody() {
    JsonNode shelf = Json.ok(h.send("POST", "/gangway.samples.bookstore.v1.Bookstore/GetShelf",
        "{\"name\":\"shelves/fiction\"}"));

    assertThat(shelf.path("theme").asText()).isEqualTo("Fiction");
  }
}
