package dev.gangway.transcoder;

import com.google.rpc.Code;
import dev.gangway.transcoder.descriptor.LoadProblem;
import dev.gangway.transcoder.descriptor.LoadedDescriptors;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.internal.binding.BindingPlan;
import dev.gangway.transcoder.internal.binding.BindingPlanCompiler;
import dev.gangway.transcoder.internal.json.ErrorRenderer;
import dev.gangway.transcoder.internal.json.JsonCodec;
import dev.gangway.transcoder.internal.json.ResponsePlan;
import dev.gangway.transcoder.internal.routing.BindingPrecedence;
import dev.gangway.transcoder.internal.routing.HttpRuleReader;
import dev.gangway.transcoder.internal.routing.InvalidRuleException;
import dev.gangway.transcoder.internal.routing.RouteTable;
import dev.gangway.transcoder.internal.routing.RuleReadResult;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.render.RenderedBody;
import dev.gangway.transcoder.render.RenderedError;
import dev.gangway.transcoder.routing.HttpBinding;
import dev.gangway.transcoder.routing.MatchResult;
import dev.gangway.transcoder.routing.RouteConflict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The transcoder for one set of descriptors and options: routes HTTP requests to gRPC methods,
 * binds them to request messages, renders responses and errors.
 *
 * <p>Immutable and thread-safe. {@link #build} does all the work that descriptors allow (route
 * trie, binding plans, response plans, JSON codec); the per-request methods only apply those
 * plans. A reload builds a new {@code Transcoder} and swaps it whole.
 *
 * <pre>{@code
 * Transcoder t = Transcoder.build(DescriptorLoader.load(sources), TranscoderOptions.DEFAULT);
 * TranscodedRequest call = t.transcode(TranscoderRequest.of("GET", "/v1/shelves/1"));
 * RenderedBody json = t.render(call.route(), responseBytes);
 * }</pre>
 */
public final class Transcoder {

  /** Among routes with the same method and path shape, the first in this order is served. */
  private static final Comparator<MethodRoute> PRECEDENCE =
      Comparator.comparing(MethodRoute::binding, BindingPrecedence.ORDER);

  private final LoadedDescriptors descriptors;
  private final TranscoderOptions options;
  private final RouteTable<MethodRoute> routes;
  private final JsonCodec codec;
  private final ErrorRenderer errors;
  private final List<LoadProblem> problems;

  private Transcoder(
      LoadedDescriptors descriptors,
      TranscoderOptions options,
      RouteTable<MethodRoute> routes,
      JsonCodec codec,
      List<LoadProblem> problems) {
    this.descriptors = descriptors;
    this.options = options;
    this.routes = routes;
    this.codec = codec;
    this.errors = new ErrorRenderer(codec);
    this.problems = List.copyOf(problems);
  }

  /**
   * Compiles every HTTP binding of the loaded services. Never throws for a bad rule: the rule is
   * left out and reported in {@link #problems()}; conflicts are in {@link #conflicts()}.
   */
  public static Transcoder build(LoadedDescriptors descriptors, TranscoderOptions options) {
    Objects.requireNonNull(descriptors, "descriptors");
    Objects.requireNonNull(options, "options");
    JsonCodec codec = new JsonCodec(descriptors.typeRegistry(), options);
    List<LoadProblem> problems = new ArrayList<>(descriptors.problems());
    RuleReadResult rules = HttpRuleReader.read(
        descriptors.services(), options.autoMapping(), options.templateSyntax());
    problems.addAll(rules.problems());
    BindingPlanCompiler compiler = new BindingPlanCompiler(options, codec);
    RouteTable.Builder<MethodRoute> table = RouteTable.builder(PRECEDENCE, r -> BindingPrecedence.describe(r.binding()));
    for (HttpBinding binding : rules.bindings()) {
      try {
        BindingPlan request = compiler.compile(binding);
        ResponsePlan response = compileResponse(binding, codec);
        table.add(binding.httpMethod(), binding.template(), new MethodRoute(binding, request, response));
      } catch (InvalidRuleException e) {
        problems.add(new LoadProblem(binding.method().getFullName(), e.getMessage()));
      }
    }
    return new Transcoder(descriptors, options, table.build(), codec, problems);
  }

  private static ResponsePlan compileResponse(HttpBinding binding, JsonCodec codec)
      throws InvalidRuleException {
    try {
      return ResponsePlan.compile(binding.method(), binding.responseBody(), codec);
    } catch (InvalidRuleException e) {
      // The binding compiler names the rule in its messages; the response plan does not know it.
      throw new InvalidRuleException(e.getMessage() + " in " + binding.describe());
    }
  }

  /** Finds the route for a method and raw (percent-encoded) path. */
  public MatchResult<MethodRoute> match(String httpMethod, String rawPath) {
    return routes.match(httpMethod, rawPath);
  }

  /**
   * Builds the request message for a matched route.
   *
   * @throws TranscodingException 400 naming the field or parameter, or 415 for a body type the
   *     route cannot take
   */
  public byte[] bind(
      MatchResult.Matched<MethodRoute> match, String rawQuery, String contentType, byte[] body)
      throws TranscodingException {
    return match
        .route()
        .request()
        .bind(match.segments(), rawQuery, contentType, body);
  }

  /**
   * Matches and binds in one step.
   *
   * @throws TranscodingException 404 for an unknown path, 405 for a known path under another
   *     method (the message lists the allowed ones), 400/415 as for {@link #bind}
   */
  public TranscodedRequest transcode(TranscoderRequest request) throws TranscodingException {
    MatchResult<MethodRoute> result = match(request.method(), request.rawPath());
    if (result instanceof MatchResult.Matched<MethodRoute> matched) {
      byte[] message = bind(matched, request.rawQuery(), request.contentType(), request.body());
      return new TranscodedRequest(matched.route(), message);
    }
    if (result instanceof MatchResult.MethodNotAllowed<MethodRoute> notAllowed) {
      throw methodNotAllowed(request, notAllowed);
    }
    throw TranscodingException.notFound("no route for " + request.method() + " " + request.rawPath());
  }

  private static TranscodingException methodNotAllowed(
      TranscoderRequest request, MatchResult.MethodNotAllowed<MethodRoute> notAllowed) {
    // UNIMPLEMENTED in the body: the path exists, the method does not (grpc-gateway, Envoy).
    return new TranscodingException(
        Code.UNIMPLEMENTED,
        405,
        "method " + request.method() + " not allowed for " + request.rawPath()
            + "; allowed: " + String.join(", ", new TreeSet<>(notAllowed.allowed())));
  }

  /** Renders a response message (protobuf bytes) as the route's JSON or raw HttpBody. */
  public RenderedBody render(MethodRoute route, byte[] responseMessage) throws TranscodingException {
    return route.response().render(responseMessage);
  }

  /** Renders a gRPC status as its HTTP status and {@code google.rpc.Status} JSON body. */
  public RenderedError renderError(com.google.rpc.Status status) {
    return errors.render(status);
  }

  /** Renders a transcoding failure (400, 404, 405, 415) as its HTTP status and JSON body. */
  public RenderedError renderError(TranscodingException failure) {
    return errors.render(failure);
  }

  /**
   * Every served route whose template matches a raw path, under any HTTP method, most specific
   * first (for explaining a match; see {@code RouteTable#candidates}).
   */
  public List<MethodRoute> candidates(String rawPath) {
    return routes.candidates(rawPath);
  }

  /** Every served route, in no particular order. */
  public List<MethodRoute> routes() {
    return routes.routes();
  }

  /** Routes that lost to another with the same method and path shape. */
  public List<RouteConflict> conflicts() {
    return routes.conflicts();
  }

  /** Everything left out at load: unreadable files, bad rules, unresolved fields. */
  public List<LoadProblem> problems() {
    return problems;
  }

  public LoadedDescriptors descriptors() {
    return descriptors;
  }

  public TranscoderOptions options() {
    return options;
  }

  /**
   * The JSON codec every plan of this transcoder was compiled with. Internal: for a user of this
   * transcoder that compiles more plans of its own with the same types and options (the gateway's
   * composites and WebSocket follow-up plans), so that a snapshot has one codec.
   */
  public JsonCodec codec() {
    return codec;
  }
}
