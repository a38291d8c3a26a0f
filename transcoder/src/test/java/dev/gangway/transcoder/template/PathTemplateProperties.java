package dev.gangway.transcoder.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random valid template ASTs survive a trip through their text. */
class PathTemplateProperties {
  private static final String LITERAL_CHARS = "abcxyzABZ0189-._~!$&'()+,;=@";

  @Property(tries = 2000)
  void parsingTheFormattedTextGivesTheTemplateBack(@ForAll("templates") PathTemplate template)
      throws TemplateSyntaxException {
    assertThat(PathTemplateParser.parse(template.format())).isEqualTo(template);
  }

  @Property(tries = 500)
  void formatIsCanonical(@ForAll("templates") PathTemplate template)
      throws TemplateSyntaxException {
    String text = template.format();
    assertThat(PathTemplateParser.parse(text).format()).isEqualTo(text);
  }

  @Provide
  Arbitrary<PathTemplate> templates() {
    Arbitrary<List<Segment>> head = segment().list().ofMaxSize(5);
    Arbitrary<Segment> tail = deepTail().injectNull(0.7);
    Arbitrary<String> verb = literal(false).injectNull(0.6);
    return Combinators.combine(head, tail, verb)
        .as((h, t, v) -> {
          List<Segment> segments = new ArrayList<>(h);
          if (t != null) {
            segments.add(t);
          }
          return new PathTemplate(segments, Optional.ofNullable(v));
        })
        .filter(PathTemplateProperties::isParserOutput);
  }

  /**
   * Keeps only ASTs the parser can produce: at least one segment, distinct variables, and no ':'
   * in a last literal when there is no verb (its text would read as a verb).
   */
  private static boolean isParserOutput(PathTemplate t) {
    if (t.segments().isEmpty()) {
      return false;
    }
    List<String> fields = t.variables().stream().map(v -> v.field().dotted()).toList();
    if (fields.stream().distinct().count() != fields.size()) {
      return false;
    }
    Segment last = t.segments().get(t.segments().size() - 1);
    return t.verb().isPresent()
        || !(last instanceof Segment.Literal literal && literal.value().indexOf(':') >= 0);
  }

  /** A segment that may appear anywhere but last-with-'**'. */
  private Arbitrary<Segment> segment() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, literal(true).map(Segment.Literal::new)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(new Segment.Wildcard())),
        net.jqwik.api.Tuple.of(3, variable(false)));
  }

  /** The optional last segment holding '**': bare or as a variable's last segment. */
  private Arbitrary<Segment> deepTail() {
    return Arbitraries.oneOf(Arbitraries.just(new Segment.DeepWildcard()), variable(true));
  }

  private Arbitrary<Segment> variable(boolean deep) {
    Arbitrary<Segment> simple = Arbitraries.oneOf(
        literal(true).map(Segment.Literal::new), Arbitraries.just(new Segment.Wildcard()));
    Arbitrary<List<Segment>> inner = simple.list().ofMinSize(deep ? 0 : 1).ofMaxSize(3)
        .map(list -> {
          if (!deep) {
            return list;
          }
          List<Segment> withDeep = new ArrayList<>(list);
          withDeep.add(new Segment.DeepWildcard());
          return withDeep;
        });
    return Combinators.combine(fieldPath(), inner).as(Segment.Variable::new);
  }

  private Arbitrary<FieldPath> fieldPath() {
    Arbitrary<String> ident = Combinators.combine(
            Arbitraries.chars().with('a', 'b', 'z', 'A', 'Q', '_'),
            Arbitraries.strings().withChars("abz_AZ019").ofMaxLength(4))
        .as((first, rest) -> first + rest);
    return ident.list().ofMinSize(1).ofMaxSize(3).map(FieldPath::new);
  }

  private Arbitrary<String> literal(boolean withColon) {
    Arbitrary<String> plain = Arbitraries.strings()
        .withChars(withColon ? LITERAL_CHARS + ":" : LITERAL_CHARS).ofLength(1);
    Arbitrary<String> escaped = Arbitraries.of("%2F", "%2f", "%3A", "%20", "%41");
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(9, plain), net.jqwik.api.Tuple.of(1, escaped))
        .list().ofMinSize(1).ofMaxSize(6)
        .map(parts -> String.join("", parts));
  }
}
