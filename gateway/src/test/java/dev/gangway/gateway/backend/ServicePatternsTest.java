package dev.gangway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.testing.TestConfigs;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServicePatternsTest {
  private final ServicePatterns patterns = ServicePatterns.of(List.of(
      TestConfigs.backend("fallback", "x:1", "*"),
      TestConfigs.backend("shop", "x:2", "acme.shop.*"),
      TestConfigs.backend("shop-v1", "x:3", "acme.shop.v1.*"),
      TestConfigs.backend("orders", "x:4", "acme.shop.v1.Orders"),
      TestConfigs.backend("second-fallback", "x:5", "*", "acme.shop.v1.Orders")));

  private String backendOf(String service) {
    return patterns.backendFor(service).map(BackendConfig::name).orElse("none");
  }

  @Test
  void exactNameBeatsEveryPattern() {
    assertThat(backendOf("acme.shop.v1.Orders")).isEqualTo("orders");
  }

  @Test
  void longerPackageBeatsShorterPackage() {
    assertThat(backendOf("acme.shop.v1.Carts")).isEqualTo("shop-v1");
    assertThat(backendOf("acme.shop.v2.Carts")).isEqualTo("shop");
  }

  @Test
  void packagePatternMatchesWholePackageSegmentsOnly() {
    assertThat(backendOf("acme.shopping.Carts")).isEqualTo("fallback");
  }

  @Test
  void wildcardCatchesTheRestAndTheFirstListedWins() {
    assertThat(backendOf("other.Service")).isEqualTo("fallback");
  }

  @Test
  void noPatternNoBackend() {
    ServicePatterns none = ServicePatterns.of(List.of(TestConfigs.backend("a", "x:1", "a.A")));
    assertThat(none.backendFor("b.B")).isEmpty();
  }
}
