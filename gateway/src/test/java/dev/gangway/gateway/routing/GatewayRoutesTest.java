package dev.gangway.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.backend.ChannelRegistry;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.StaticConfig;
import dev.gangway.gateway.reload.DefaultSnapshotFactory;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.testing.CompositeConfigs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one table of every kind of route, matched directly: a snapshot compiled from the test
 * service's descriptors, one composite and one static site, as the gateway compiles it.
 */
class GatewayRoutesTest {
  private static final String ECHO = "gangway.gwtest.v1.EchoService.";

  @TempDir Path dir;
  private final ChannelRegistry channels = new ChannelRegistry();
  private GatewayRoutes routes;

  @BeforeEach
  void compile() throws Exception {
    GatewayConfig loaded = CompositeConfigs.load(dir, "127.0.0.1:1", String.join("\n",
        "  - name: twice",
        "    method: GET",
        "    path: /v1/twice/{text}",
        "    calls:",
        "      a: {method: " + ECHO + "Echo, request: {text: '{path.text}'}}"));
    GatewayConfig config = loaded.toBuilder()
        .staticFiles(List.of(new StaticConfig("/ui/", dir), new StaticConfig("/ui/deep/", dir)))
        .build();
    RuntimeSnapshot snapshot = new DefaultSnapshotFactory(channels, List.of()).build(config, 1);
    routes = snapshot.routes();
  }

  @AfterEach
  void close() {
    channels.close();
  }

  private RouteMatch.Matched matched(String method, String path, boolean upgrade) {
    RouteMatch match = routes.match(method, path, upgrade);
    assertThat(match).isInstanceOf(RouteMatch.Matched.class);
    return (RouteMatch.Matched) match;
  }

  @Test
  void everyKindOfRouteIsInTheOneTableWithADenseId() {
    List<GatewayRoute> all = routes.all();

    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).id()).isEqualTo(i);
    }
    // The two configured static sites and the docs page's assets.
    assertThat(all).filteredOn(r -> r instanceof GatewayRoute.StaticSite)
        .extracting(r -> ((GatewayRoute.StaticSite) r).prefix())
        .containsExactly("/ui/deep/", "/docs/", "/ui/");
    // openapi.json, openapi.yaml, /docs/, /docs and /docs/swagger-initializer.js.
    assertThat(all).filteredOn(r -> r instanceof GatewayRoute.Published).hasSize(5);
    assertThat(all).filteredOn(r -> r instanceof GatewayRoute.Composite).hasSize(1);
    assertThat(all).filteredOn(r -> r instanceof GatewayRoute.Transcoded).isNotEmpty();
  }

  @Test
  void plainRequestsMatchTheirKind() {
    assertThat(matched("GET", "/v1/echo/hi", false).kind()).isEqualTo(RouteKind.UNARY);
    assertThat(matched("GET", "/v1/count/3", false).kind()).isEqualTo(RouteKind.SERVER_STREAMING);
    assertThat(matched("POST", "/v1/sum", false).kind()).isEqualTo(RouteKind.CLIENT_STREAMING);
    RouteMatch.Matched composite = matched("GET", "/v1/twice/x", false);
    assertThat(composite.kind()).isEqualTo(RouteKind.COMPOSITE);
    assertThat(composite.segments()).containsExactly("v1", "twice", "x");
  }

  @Test
  void anUpgradeOfAStreamingMethodIsAWebSocketUnderAnyOfItsMethods() {
    RouteMatch.Matched count = matched("GET", "/v1/count/3", true);
    assertThat(count.kind()).isEqualTo(RouteKind.WEBSOCKET);
    assertThat(count.upgrade()).isTrue();
    // Sum is served under POST only; a browser opens every WebSocket with GET.
    assertThat(matched("GET", "/v1/sum", true).kind()).isEqualTo(RouteKind.WEBSOCKET);
  }

  @Test
  void anUpgradeOfAUnaryMethodOrACompositeKeepsItsKindForTheChainToRefuse() {
    assertThat(matched("GET", "/v1/echo/hi", true).kind()).isEqualTo(RouteKind.UNARY);
    assertThat(matched("GET", "/v1/twice/x", true).kind()).isEqualTo(RouteKind.COMPOSITE);
  }

  @Test
  void aStaticPrefixShadowsRoutesAndTheLongestPrefixWins() {
    RouteMatch.Matched deep = matched("GET", "/ui/deep/index.html", false);
    assertThat(deep.kind()).isEqualTo(RouteKind.STATIC_SITE);
    assertThat(((GatewayRoute.StaticSite) deep.route()).prefix()).isEqualTo("/ui/deep/");
    assertThat(routes.match("POST", "/ui/app.js", false))
        .isEqualTo(new RouteMatch.MethodNotAllowed(List.of("HEAD", "GET")));
  }

  @Test
  void aKnownPathUnderAnotherMethodListsEveryMethodOfEveryKindSorted() {
    RouteMatch match = routes.match("DELETE", "/v1/twice/x", false);

    assertThat(match).isEqualTo(new RouteMatch.MethodNotAllowed(List.of("GET")));
    assertThat(((RouteMatch.MethodNotAllowed) routes.match("PUT", "/v1/echo", false)).allowHeader())
        .isEqualTo("POST");
  }

  @Test
  void unknownPathsAreNotFoundForPlainRequestsAndUpgrades() {
    assertThat(routes.match("GET", "/v1/nothing", false)).isEqualTo(new RouteMatch.NotFound(false));
    assertThat(routes.match("GET", "/v1/nothing", true)).isEqualTo(new RouteMatch.NotFound(true));
  }
}
