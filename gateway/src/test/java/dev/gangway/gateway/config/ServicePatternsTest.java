package dev.gangway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServicePatternsTest {
  static final BackendConfig ANY = BackendConfig.of("any", List.of("*"), "a:1");
  static final BackendConfig SAMPLES =
      BackendConfig.of("samples", List.of("gangway.samples.*"), "b:1");
  static final BackendConfig BOOKSTORE =
      BackendConfig.of("bookstore", List.of("gangway.samples.bookstore.v1.*"), "c:1");
  static final BackendConfig EXACT = BackendConfig.of("exact",
      List.of("gangway.samples.bookstore.v1.Bookstore", "Toplevel"), "d:1");

  static final ServicePatterns ALL = ServicePatterns.of(List.of(ANY, SAMPLES, BOOKSTORE, EXACT));

  static Optional<String> backendFor(ServicePatterns patterns, String service) {
    return patterns.backendFor(service).map(BackendConfig::name);
  }

  @Test
  void exactNameBeatsPackagePatterns() {
    assertThat(backendFor(ALL, "gangway.samples.bookstore.v1.Bookstore")).contains("exact");
    assertThat(backendFor(ALL, "Toplevel")).contains("exact");
  }

  @Test
  void longestPackageWins() {
    assertThat(backendFor(ALL, "gangway.samples.bookstore.v1.Shelves")).contains("bookstore");
    assertThat(backendFor(ALL, "gangway.samples.echo.v1.Echo")).contains("samples");
  }

  @Test
  void packagePatternCoversSubPackagesButNotLookalikes() {
    assertThat(backendFor(ALL, "gangway.samples.a.b.c.Svc")).contains("samples");
    assertThat(backendFor(ALL, "gangway.samplesx.Svc")).contains("any");
    assertThat(backendFor(ALL, "gangway.samples")).as("the package itself is no service in it")
        .contains("any");
  }

  @Test
  void starCatchesTheRest() {
    assertThat(backendFor(ALL, "other.Service")).contains("any");
    assertThat(backendFor(ALL, "Lonely")).contains("any");
  }

  @Test
  void withoutStarSomeServicesHaveNoBackend() {
    ServicePatterns patterns = ServicePatterns.of(List.of(SAMPLES));

    assertThat(backendFor(patterns, "other.Service")).isEmpty();
    assertThat(backendFor(ServicePatterns.of(List.of()), "a.B")).isEmpty();
  }

  @Test
  void firstBackendKeepsAPatternListedTwice() {
    BackendConfig second = BackendConfig.of("second", List.of("*", "gangway.samples.*"), "e:1");

    ServicePatterns patterns = ServicePatterns.of(List.of(ANY, SAMPLES, second));

    assertThat(backendFor(patterns, "x.Y")).contains("any");
    assertThat(backendFor(patterns, "gangway.samples.Y")).contains("samples");
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "Service", "pkg.Service", "a.b.c.Service", "a.*", "a.b_2.*",
      "_x.Y"})
  void acceptsServicePatterns(String pattern) {
    assertThat(ServicePatterns.isValid(pattern)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".*", "a.", ".a", "a..b", "*.Service", "a.*.B", "a.b*", "**",
      "a.**", "1a.B", "a/B", "a.B/Method", " a.B"})
  void rejectsOtherPatterns(String pattern) {
    assertThat(ServicePatterns.isValid(pattern)).isFalse();
  }

  @Test
  void refusesAnInvalidPattern() {
    BackendConfig bad = BackendConfig.of("bad", List.of("a.*.B"), "a:1");

    assertThatThrownBy(() -> ServicePatterns.of(List.of(bad)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"a.*.B\" is not a service pattern (use pkg.Service, pkg.* or *)");
  }
}
