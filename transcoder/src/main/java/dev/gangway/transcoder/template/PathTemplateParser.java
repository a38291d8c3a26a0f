package dev.gangway.transcoder.template;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Parses {@code google.api.http} path templates (google/api/http.proto, "Path template syntax")
 * into {@link PathTemplate}s.
 *
 * <p>{@link #parse} is thread-safe; each call uses its own parser instance, which is confined to
 * that call. A recursive-descent parser with one method per production. It never returns null:
 * every rejected template raises a {@link TemplateSyntaxException} naming the template, the
 * reason and the 0-based index of the offending character, e.g.
 * {@code template /v1/{name=**}/x: only the verb may follow '**' (index 12)}.
 *
 * <p>{@link Syntax#EXTENDED} (the transcoder's default) also accepts literal segments after
 * {@code **}, as Google's front ends serve them
 * (<code>/v1/{parent=projects/*&#47;dataStores/**}/x:purge</code>);
 * {@link Syntax#STRICT} is the http.proto grammar, where only the verb may follow {@code **}.
 *
 * <p>Where the spec is loose, this parser decides:
 * <ul>
 *   <li>The verb is the text after the last {@code ':'} that is outside braces and after the last
 *       {@code '/'} outside braces; any other {@code ':'} belongs to a literal ({@code /v1/a:b/c}).
 *   <li>LITERAL is RFC 3986 {@code pchar} minus {@code '*'}: letters, digits, {@code -._~},
 *       {@code !$&'()+,;=:@} and {@code %XX}. Anything else could never appear in a raw request
 *       path, so a literal holding it could never match.
 *   <li>{@code {x}} is stored as {@code {x=*}}; a field path may appear in one variable only.
 * </ul>
 *
 * <p>Usage: {@code PathTemplate t = PathTemplateParser.parse("/v1/{name=shelves/*}:archive");}
 */
public final class PathTemplateParser {
  /** Which grammar to accept. */
  public enum Syntax {
    /** google/api/http.proto's grammar: only the verb may follow {@code **}. */
    STRICT,
    /**
     * The grammar plus literal segments after {@code **} (inside its variable or after it), as in
     * googleapis' <code>{parent=projects/*&#47;dataStores/**}/x:purge</code>. No {@code *},
     * {@code **} or variable may follow a {@code **}, so a path still matches in one way only.
     */
    EXTENDED
  }

  private final String text;
  private final Syntax syntax;
  /** End of the segments: the index of the verb's ':' or the text length. */
  private final int segmentsEnd;
  private final Set<String> fieldPaths = new HashSet<>();
  private int pos;
  /** Index just after a parsed '**', or -1: only the verb may follow it. */
  private int deepWildcardEnd = -1;

  private PathTemplateParser(String text, Syntax syntax) {
    this.text = text;
    this.syntax = syntax;
    this.segmentsEnd = verbColon(text);
  }

  /**
   * Parses a path template with the http.proto grammar ({@link Syntax#STRICT}).
   *
   * @throws TemplateSyntaxException if the text does not follow the grammar
   */
  public static PathTemplate parse(String template) throws TemplateSyntaxException {
    return parse(template, Syntax.STRICT);
  }

  /**
   * Parses a path template.
   *
   * @throws TemplateSyntaxException if the text does not follow the grammar
   */
  public static PathTemplate parse(String template, Syntax syntax)
      throws TemplateSyntaxException {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(syntax, "syntax");
    return new PathTemplateParser(template, syntax).template();
  }

  /**
   * {@code Template = "/" Segments [ Verb ] ;}, and {@code "/"} alone: the spec's grammar needs a
   * segment, but Envoy's transcoder accepts {@code "/"} for the root path, and so does this.
   */
  private PathTemplate template() throws TemplateSyntaxException {
    if (!at('/')) {
      throw error(0, "must start with '/'");
    }
    pos++;
    if (text.length() == 1) {
      return new PathTemplate(List.of(), Optional.empty());
    }
    List<Segment> segments = segments(false);
    return new PathTemplate(segments, verb());
  }

  /** {@code Segments = Segment { "/" Segment } ;} */
  private List<Segment> segments(boolean inVariable) throws TemplateSyntaxException {
    List<Segment> segments = new ArrayList<>();
    segments.add(segment(inVariable));
    while (at('/')) {
      if (deepWildcardEnd >= 0 && syntax == Syntax.STRICT) {
        throw error(deepWildcardEnd, "only the verb may follow '**'");
      }
      pos++;
      segments.add(segment(inVariable));
    }
    return segments;
  }

  /** {@code Segment = "*" | "**" | LITERAL | Variable ;} */
  private Segment segment(boolean inVariable) throws TemplateSyntaxException {
    if (pos >= segmentsEnd || at('/') || at('}')) {
      throw missingSegment();
    }
    char c = text.charAt(pos);
    if (deepWildcardEnd >= 0 && (c == '{' || c == '*')) {
      throw error(pos, "only literal segments and the verb may follow '**'");
    }
    Segment segment;
    if (c == '{') {
      if (inVariable) {
        throw error(pos, "a variable must not contain another variable");
      }
      segment = variable();
    } else if (c == '*') {
      segment = wildcard();
    } else {
      segment = new Segment.Literal(literal("literal", segmentsEnd));
    }
    expectSegmentEnd(segment, inVariable);
    return segment;
  }

  /** {@code Variable = "{" FieldPath [ "=" Segments ] "}" ;} */
  private Segment variable() throws TemplateSyntaxException {
    int open = pos++;
    int fieldStart = pos;
    FieldPath field = fieldPath();
    if (!fieldPaths.add(field.dotted())) {
      throw error(fieldStart, "duplicate variable '" + field.dotted() + "'");
    }
    List<Segment> segments = List.of(new Segment.Wildcard());
    if (at('=')) {
      pos++;
      segments = segments(true);
    }
    if (pos >= segmentsEnd) {
      throw error(open, "unclosed '{'");
    }
    if (!at('}')) {
      throw error(pos, "invalid character " + quote(text.charAt(pos)) + " in field path");
    }
    pos++;
    return new Segment.Variable(field, segments);
  }

  /** {@code FieldPath = IDENT { "." IDENT } ;} */
  private FieldPath fieldPath() throws TemplateSyntaxException {
    List<String> names = new ArrayList<>();
    names.add(ident());
    while (at('.')) {
      pos++;
      names.add(ident());
    }
    return new FieldPath(names);
  }

  /** {@code IDENT = ( letter | "_" ) { letter | digit | "_" } ;} (a proto field name) */
  private String ident() throws TemplateSyntaxException {
    int start = pos;
    if (pos >= segmentsEnd || !isIdentStart(text.charAt(pos))) {
      throw error(pos, "expected a field name");
    }
    while (pos < segmentsEnd && isIdentPart(text.charAt(pos))) {
      pos++;
    }
    return text.substring(start, pos);
  }

  /** {@code "*" | "**"}: the two wildcard alternatives of Segment. */
  private Segment wildcard() {
    pos++;
    if (at('*')) {
      pos++;
      deepWildcardEnd = pos;
      return new Segment.DeepWildcard();
    }
    return new Segment.Wildcard();
  }

  /** {@code Verb = ":" LITERAL ;} */
  private Optional<String> verb() throws TemplateSyntaxException {
    if (segmentsEnd == text.length()) {
      return Optional.empty();
    }
    pos = segmentsEnd + 1;
    if (pos == text.length()) {
      throw error(segmentsEnd, "empty verb");
    }
    String verb = literal("verb", text.length());
    if (pos < text.length()) {
      throw error(pos, "invalid character " + quote(text.charAt(pos)) + " in verb");
    }
    return Optional.of(verb);
  }

  /**
   * {@code LITERAL = pchar { pchar } ;} without {@code '*'}, up to the next '/', '{', '}' or '*'.
   */
  private String literal(String what, int limit) throws TemplateSyntaxException {
    int start = pos;
    while (pos < limit) {
      char c = text.charAt(pos);
      if (c == '/' || c == '{' || c == '}' || c == '*') {
        break;
      }
      if (c == '%') {
        if (pos + 2 >= limit || !isHex(text.charAt(pos + 1)) || !isHex(text.charAt(pos + 2))) {
          throw error(pos, "'%' must be followed by two hex digits");
        }
        pos += 3;
        continue;
      }
      if (!isLiteralChar(c)) {
        throw error(pos, "invalid character " + quote(c) + " in " + what);
      }
      pos++;
    }
    return text.substring(start, pos);
  }

  /** After a segment comes '/', the end of the segments, or (in a variable) '}'. */
  private void expectSegmentEnd(Segment segment, boolean inVariable)
      throws TemplateSyntaxException {
    if (pos >= segmentsEnd || at('/') || (inVariable && at('}'))) {
      return;
    }
    char c = text.charAt(pos);
    if (c == '}') {
      throw error(pos, "unexpected '}'");
    }
    if (segment instanceof Segment.Variable || (c == '{' && !inVariable)) {
      throw error(pos, "a variable must be a whole segment");
    }
    if (c == '{') {
      throw error(pos, "a variable must not contain another variable");
    }
    throw error(pos, "'*' must be a whole segment");
  }

  private TemplateSyntaxException missingSegment() {
    if (pos >= text.length()) {
      return pos == 1
          ? error(0, "a template needs at least one segment")
          : error(pos - 1, "trailing '/'");
    }
    if (text.charAt(pos - 1) == '=') {
      return error(pos, "expected a segment after '='");
    }
    return error(pos, "empty segment");
  }

  /**
   * The index of the verb's ':' (the last ':' outside braces, after the last '/' outside braces),
   * or the text length when there is no verb.
   */
  private static int verbColon(String text) {
    int depth = 0;
    int lastSlash = -1;
    int lastColon = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0 && c == '/') {
        lastSlash = i;
      } else if (depth == 0 && c == ':') {
        lastColon = i;
      }
    }
    return lastColon > lastSlash ? lastColon : text.length();
  }

  private boolean at(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private TemplateSyntaxException error(int index, String reason) {
    return new TemplateSyntaxException(text, index, reason);
  }

  private static String quote(char c) {
    return c >= ' ' && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || (c >= '0' && c <= '9');
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** RFC 3986 pchar without pct-encoded and without '*' (which the grammar reserves). */
  private static boolean isLiteralChar(char c) {
    return isIdentPart(c) || "-._~!$&'()+,;=:@".indexOf(c) >= 0;
  }
}
