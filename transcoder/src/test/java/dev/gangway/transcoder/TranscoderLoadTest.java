package dev.gangway.transcoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import dev.gangway.transcoder.descriptor.LoadProblem;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.routing.MatchResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Loading rules the spec forbids (invalid.binpb, built without imports): every problem is
 * reported, naming the method and the template, and the valid rules are still served.
 */
class TranscoderLoadTest {

  private static final Path INVALID = Path.of("target/test-descriptors-invalid/invalid.binpb");
  private static final Path VALID = Path.of("target/test-descriptors/test.binpb");

  private static Transcoder load(Path... paths) {
    List<DescriptorSource> sources = java.util.Arrays.stream(paths).map(DescriptorSource::path).toList();
    return Transcoder.build(DescriptorLoader.load(sources), TranscoderOptions.DEFAULT);
  }

  private static List<String> expectedLines(String file) throws IOException {
    return Files.readAllLines(Path.of("src/test/resources/load", file)).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .toList();
  }

  @Test
  void reportsEveryForbiddenRuleWithMethodAndTemplate() throws IOException {
    Transcoder transcoder = load(INVALID);
    List<String> problems = transcoder.problems().stream().map(LoadProblem::toString).sorted().toList();
    assertThat(problems).containsExactlyElementsOf(expectedLines("invalid-problems.txt"));
  }

  @Test
  void reportsTheDuplicateRouteWithADeterministicWinner() throws IOException {
    Transcoder forward = load(INVALID);
    assertThat(forward.conflicts().stream().map(Object::toString).toList())
        .containsExactlyElementsOf(expectedLines("invalid-conflicts.txt"));
    assertThat(forward.match("GET", "/v1/fine/1"))
        .isInstanceOfSatisfying(MatchResult.Matched.class, m ->
            assertThat(((MethodRoute) m.route()).method().getName()).isEqualTo("Fine"));
  }

  @Test
  void servesTheValidRulesNextToTheForbiddenOnes() {
    Transcoder transcoder = load(INVALID);
    List<String> served = transcoder.routes().stream()
        .filter(r -> r.binding().origin() != dev.gangway.transcoder.routing.HttpBinding.Origin.AUTO_MAPPING)
        .map(MethodRoute::describe)
        .sorted()
        .toList();
    assertThat(served).containsExactly(
        "GET /v1/broken/**/tail -> gangway.invalid.Broken.DeepWildcardNotLast",
        "GET /v1/fine/{id} -> gangway.invalid.Broken.Fine",
        "GET /v1/nested/{id} -> gangway.invalid.Broken.NestedAdditionalBinding",
        "GET /v1/nested2/{id} -> gangway.invalid.Broken.NestedAdditionalBinding");
  }

  @Test
  void strictTemplateSyntaxRejectsLiteralsAfterDeepWildcard() {
    TranscoderOptions strict = TranscoderOptions.builder()
        .templateSyntax(dev.gangway.transcoder.template.PathTemplateParser.Syntax.STRICT).build();
    Transcoder transcoder = Transcoder.build(
        DescriptorLoader.load(List.of(DescriptorSource.path(INVALID))), strict);

    assertThat(transcoder.problems()).map(LoadProblem::toString).contains(
        "gangway.invalid.Broken.DeepWildcardNotLast: GET /v1/broken/**/tail: template"
            + " /v1/broken/**/tail: only the verb may follow '**' (index 13)");
    assertThat(transcoder.match("GET", "/v1/broken/a/b/tail"))
        .isNotInstanceOf(MatchResult.Matched.class);
  }

  @Test
  void extendedTemplateSyntaxServesLiteralsAfterDeepWildcard() throws Exception {
    Transcoder transcoder = load(INVALID);

    assertThat(transcoder.match("GET", "/v1/broken/a/b/tail")).isInstanceOfSatisfying(
        MatchResult.Matched.class, m -> assertThat(((MethodRoute) m.route()).method().getName())
            .isEqualTo("DeepWildcardNotLast"));
  }

  @Test
  void loadsValidAndInvalidSetsTogether() {
    Transcoder both = load(VALID, INVALID);
    assertThat(both.match("GET", "/v1/shelves/s1")).isInstanceOf(MatchResult.Matched.class);
    assertThat(both.match("GET", "/v1/fine/1")).isInstanceOf(MatchResult.Matched.class);
    assertThat(both.problems()).hasSameSizeAs(load(INVALID).problems());
  }

  @Test
  void theValidTestProtosLoadWithoutProblemsOrConflicts() {
    Transcoder transcoder = load(VALID);
    assertThat(transcoder.problems()).isEmpty();
    assertThat(transcoder.conflicts()).isEmpty();
  }
}
