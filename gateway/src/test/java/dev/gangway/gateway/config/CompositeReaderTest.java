package dev.gangway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gangway.gateway.config.CompositeConfig.CallConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompositeReaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static GatewayConfig load(Path dir, String yaml, Map<String, String> env)
      throws Exception {
    Path file = dir.resolve("gangway.yaml");
    Files.writeString(file, yaml);
    return new ConfigLoader(Optional.of(file), CliOverrides.NONE, env::get).load();
  }

  @Test
  void readsEveryKeyKeepingCallOrderAndJsonTypes(@TempDir Path dir) throws Exception {
    GatewayConfig config = load(dir, String.join("\n",
        "composites:",
        "  - name: product_page",
        "    method: GET",
        "    path: /v1/product-pages/{id}",
        "    timeout: 2s",
        "    calls:",
        "      product: {method: a.Catalog.GetProduct, request: {id: '{path.id}'}}",
        "      reviews:",
        "        method: a.Reviews.ListReviews",
        "        request: {product_id: '{path.id}', page_size: 5, tags: [x], deep: {on: true}}",
        "        optional: true",
        "        timeout: 500ms",
        "        headers: [Authorization, x-request-id]",
        "      sellers:",
        "        method: a.Reviews.GetSeller",
        "        for_each: reviews.reviews",
        "        request: {id: '{item.seller_id}', tenant: '${TENANT}'}",
        "        concurrency: 2",
        "    response: {product: '{product}', n: 1}",
        ""), Map.of("TENANT", "t1"));

    CompositeConfig page = config.composites().get(0);
    assertThat(page.name()).isEqualTo("product_page");
    assertThat(page.httpMethod()).isEqualTo("GET");
    assertThat(page.path()).isEqualTo("/v1/product-pages/{id}");
    assertThat(page.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(page.calls()).extracting(CallConfig::name)
        .containsExactly("product", "reviews", "sellers");
    CallConfig reviews = page.calls().get(1);
    assertThat(reviews.request()).isEqualTo(JSON.readTree(
        "{\"product_id\":\"{path.id}\",\"page_size\":5,\"tags\":[\"x\"],\"deep\":{\"on\":true}}"));
    assertThat(reviews.optional()).isTrue();
    assertThat(reviews.timeout()).contains(Duration.ofMillis(500));
    assertThat(reviews.headers()).contains(List.of("authorization", "x-request-id"));
    CallConfig sellers = page.calls().get(2);
    assertThat(sellers.forEach()).contains("reviews.reviews");
    assertThat(sellers.concurrency()).isEqualTo(2);
    assertThat(sellers.request().get("tenant").asText()).as("env substituted").isEqualTo("t1");
    assertThat(page.response()).contains(JSON.readTree("{\"product\":\"{product}\",\"n\":1}"));
  }

  @Test
  void appliesDefaults(@TempDir Path dir) throws Exception {
    GatewayConfig config = load(dir, String.join("\n",
        "composites:",
        "  - {name: p, method: GET, path: /v1/p, calls: {a: {method: a.B.C}}}",
        ""), Map.of());

    CompositeConfig p = config.composites().get(0);
    assertThat(p.timeout()).isEqualTo(CompositeConfig.DEFAULT_TIMEOUT).hasSeconds(5);
    assertThat(p.response()).isEmpty();
    CallConfig a = p.calls().get(0);
    assertThat(a.request()).isEqualTo(JSON.readTree("{}"));
    assertThat(a.optional()).isFalse();
    assertThat(a.timeout()).isEmpty();
    assertThat(a.headers()).isEmpty();
    assertThat(a.forEach()).isEmpty();
    assertThat(a.concurrency()).isEqualTo(4);
  }
}
