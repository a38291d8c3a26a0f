package dev.gangway.gateway.routing;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import dev.gangway.gateway.config.HttpSemanticsConfig;
import dev.gangway.transcoder.internal.codec.CodecException;
import dev.gangway.transcoder.internal.codec.WireAssembler;
import dev.gangway.transcoder.internal.codec.WireFields;
import dev.gangway.transcoder.openapi.OperationFacts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP semantics of one transcoded route, compiled from its {@code routes} entry against the
 * method's messages: the success status, {@code Location} and {@code ETag} read from response
 * fields, {@code If-Match} / {@code If-None-Match} written to request fields, backend metadata
 * sent as plain headers.
 *
 * <p>Immutable and thread-safe; built with the snapshot. Per request it only walks wire bytes
 * along field numbers resolved here: no descriptor lookup, no message object.
 */
public final class HttpSemantics {
  /** 200, no headers from fields: a route without a {@code routes} entry. */
  public static final HttpSemantics PLAIN = new HttpSemantics(200, List.of(), List.of(),
      List.of(), List.of(), List.of(), OperationFacts.PLAIN);

  private final int status;
  /** Literal text (String) and field chains (int[] of field numbers), in order; empty for none. */
  private final List<Object> location;
  private final List<Integer> etag;
  private final List<FieldDescriptor> ifMatch;
  private final List<FieldDescriptor> ifNoneMatch;
  private final List<String> responseHeaders;
  /** The same settings as the OpenAPI document describes them. */
  private final OperationFacts facts;

  private HttpSemantics(int status, List<Object> location, List<Integer> etag,
      List<FieldDescriptor> ifMatch, List<FieldDescriptor> ifNoneMatch,
      List<String> responseHeaders, OperationFacts facts) {
    this.status = status;
    this.location = List.copyOf(location);
    this.etag = List.copyOf(etag);
    this.ifMatch = List.copyOf(ifMatch);
    this.ifNoneMatch = List.copyOf(ifNoneMatch);
    this.responseHeaders = List.copyOf(responseHeaders);
    this.facts = facts;
  }

  /**
   * Compiles a route's settings for {@code method}.
   *
   * @param where the entry's place in the config ({@code routes[2]}), for messages
   * @throws IllegalArgumentException naming the key when a field is missing or not a string
   */
  public static HttpSemantics compile(
      HttpSemanticsConfig config, MethodDescriptor method, String where) {
    checkApplies(config, method, where);
    Descriptor request = method.getInputType();
    Descriptor response = method.getOutputType();
    List<Object> location = new ArrayList<>();
    if (config.location().isPresent()) {
      String text = config.location().get();
      int start = 0;
      for (int open = text.indexOf('{'); open >= 0; open = text.indexOf('{', start)) {
        int close = text.indexOf('}', open);
        location.add(text.substring(start, open));
        location.add(numbers(stringField(response, text.substring(open + 1, close),
            where + ".location")));
        start = close + 1;
      }
      location.add(text.substring(start));
    }
    return new HttpSemantics(config.status(), location,
        config.etag().map(f -> numbers(stringField(response, f, where + ".etag")))
            .orElse(List.of()),
        config.ifMatch().map(f -> stringField(request, f, where + ".if_match"))
            .orElse(List.of()),
        config.ifNoneMatch().map(f -> stringField(request, f, where + ".if_none_match"))
            .orElse(List.of()),
        config.responseHeaders(),
        new OperationFacts(config.status(), config.location(), config.etag(), config.ifMatch(),
            config.ifNoneMatch(), config.responseHeaders()));
  }

  /**
   * Refuses the settings a streaming method would ignore, rather than accept them silently (and
   * show them in the OpenAPI document): status, {@code Location}, {@code ETag} and response
   * headers are written with a unary call's one answer; the conditional headers are bound into
   * the one request message, which a client stream does not have.
   */
  private static void checkApplies(
      HttpSemanticsConfig config, MethodDescriptor method, String where) {
    if (!method.isServerStreaming() && !method.isClientStreaming()) {
      return;
    }
    List<String> ignored = new ArrayList<>();
    if (config.status() != 200) {
      ignored.add("status");
    }
    config.location().ifPresent(l -> ignored.add("location"));
    config.etag().ifPresent(e -> ignored.add("etag"));
    if (method.isClientStreaming()) {
      config.ifMatch().ifPresent(f -> ignored.add("if_match"));
      config.ifNoneMatch().ifPresent(f -> ignored.add("if_none_match"));
    }
    if (!config.responseHeaders().isEmpty()) {
      ignored.add("response_headers");
    }
    if (!ignored.isEmpty()) {
      String kind = !method.isClientStreaming() ? "server-streaming"
          : method.isServerStreaming() ? "bidirectional streaming" : "client-streaming";
      throw new IllegalArgumentException(where + ": " + String.join(", ", ignored) + " cannot"
          + " apply to " + method.getFullName() + ", a " + kind + " method");
    }
  }

  /** The chain of singular fields {@code dotted} names, ending in a string field. */
  private static List<FieldDescriptor> stringField(Descriptor type, String dotted, String key) {
    List<FieldDescriptor> chain = new ArrayList<>();
    Descriptor current = type;
    String[] names = dotted.split("\\.");
    for (int i = 0; i < names.length; i++) {
      FieldDescriptor field = current == null ? null : current.findFieldByName(names[i]);
      if (field == null || field.isRepeated()) {
        throw new IllegalArgumentException(key + ": " + type.getFullName() + " has no singular"
            + " field " + dotted);
      }
      chain.add(field);
      boolean last = i == names.length - 1;
      if (last && field.getType() != FieldDescriptor.Type.STRING) {
        throw new IllegalArgumentException(key + ": field " + dotted + " of "
            + type.getFullName() + " is not a string");
      }
      current = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
          ? field.getMessageType() : null;
    }
    return chain;
  }

  private static List<Integer> numbers(List<FieldDescriptor> chain) {
    return chain.stream().map(FieldDescriptor::getNumber).toList();
  }

  /** These settings for the OpenAPI document; checked against the method's messages. */
  public OperationFacts facts() {
    return facts;
  }

  /** The success status: 200, 201, 202 or 204. */
  public int status() {
    return status;
  }

  /** Metadata names also sent as plain headers, lower case. */
  public List<String> responseHeaders() {
    return responseHeaders;
  }

  /** Whether the route reads an entity tag from its responses. */
  public boolean hasEtag() {
    return !etag.isEmpty();
  }

  /** The {@code Location} header of a response; empty without a template or a field value. */
  @SuppressWarnings("unchecked")
  public Optional<String> location(byte[] response) {
    if (location.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder();
    for (Object part : location) {
      if (part instanceof String text) {
        out.append(text);
      } else {
        String value = stringAt(response, (List<Integer>) part);
        if (value.isEmpty()) {
          return Optional.empty();
        }
        out.append(value);
      }
    }
    return headerValue(out.toString());
  }

  /**
   * The {@code ETag} of a response: the field's value quoted (RFC 9110 section 8.8.3), or as it is
   * when the backend already wrote an entity tag ({@code "x"}, {@code W/"x"}); empty when the
   * field is unset or holds a value no entity tag can.
   */
  public Optional<String> etag(byte[] response) {
    if (etag.isEmpty()) {
      return Optional.empty();
    }
    String value = stringAt(response, etag);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    boolean tagged = value.endsWith("\"") && (value.startsWith("\"") || value.startsWith("W/\""));
    return headerValue(tagged ? value : "\"" + value + "\"")
        .filter(v -> tagged || value.indexOf('"') < 0);
  }

  /**
   * The request message with the conditional headers' entity tags in their fields (appended
   * wire bytes: the last value of a field wins). A tag is passed without quotes and without
   * {@code W/} ({@code *} as it is); a header the route does not map, or that is absent, adds
   * nothing.
   */
  public byte[] withConditionals(byte[] request, String ifMatchHeader, String ifNoneMatchHeader) {
    boolean match = !ifMatch.isEmpty() && ifMatchHeader != null;
    boolean noneMatch = !ifNoneMatch.isEmpty() && ifNoneMatchHeader != null;
    if (!match && !noneMatch) {
      return request;
    }
    WireAssembler out = new WireAssembler(request);
    if (match) {
      out.set(ifMatch, bareTag(ifMatchHeader));
    }
    if (noneMatch) {
      out.set(ifNoneMatch, bareTag(ifNoneMatchHeader));
    }
    return out.toByteArray();
  }

  /** {@code W/"abc"} and {@code "abc"} are {@code abc}; a list keeps its first tag. */
  static String bareTag(String header) {
    String tag = header.strip();
    int comma = tag.indexOf(',');
    if (comma >= 0) {
      tag = tag.substring(0, comma).strip();
    }
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    return tag;
  }

  /** Only visible ASCII and spaces reach a header (a backend's value is not trusted). */
  private static Optional<String> headerValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return Optional.empty();
      }
    }
    return Optional.of(value);
  }

  /** The string at a chain of field numbers, "" when a field on the way is absent. */
  private static String stringAt(byte[] wire, List<Integer> chain) {
    int start = 0;
    int end = wire.length;
    try {
      for (int number : chain) {
        long range = WireFields.lastLengthDelimited(wire, start, end, number);
        if (range < 0) {
          return "";
        }
        start = (int) (range >>> 32);
        end = (int) range;
      }
    } catch (CodecException e) {
      return ""; // the renderer reports a malformed response; a header is not worth a 500
    }
    return new String(wire, start, end - start, StandardCharsets.UTF_8);
  }
}
