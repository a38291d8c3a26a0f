package dev.gangway.gateway.routing;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.gangway.gateway.backend.BackendBindings;
import dev.gangway.gateway.backend.BoundMethod;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.internal.binding.BindingPlan;
import dev.gangway.transcoder.internal.binding.BindingPlanCompiler;
import dev.gangway.transcoder.internal.json.JsonCodec;
import dev.gangway.transcoder.internal.json.ResponsePlan;
import dev.gangway.transcoder.internal.routing.InvalidRuleException;
import dev.gangway.transcoder.routing.HttpBinding;
import dev.gangway.transcoder.template.PathTemplate;
import dev.gangway.transcoder.template.Segment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles the gRPC-Web and Connect route of every method of a snapshot's services: the path
 * {@code /package.Service/Method}, the backend binding, and the JSON plans Connect JSON uses (the
 * whole request message as the body, the whole response message rendered, with the snapshot's
 * codec and options, so JSON reads and writes as on the REST routes).
 *
 * <p>Stateless; setup code, run when a snapshot is built.
 */
final class RpcRoutes {
  private RpcRoutes() {}

  /**
   * The routes by path, each also appended to {@code all} (its id is its index there). A method
   * without a backend binding (bindings made for tests, without every method) gets no route.
   *
   * <p>The JSON plans are the ones the transcoder compiled for the method's auto-mapped REST route
   * ({@code POST /package.Service/Method}, body {@code *}: the same binding) when it serves one
   * with this codec: compiling them again kept a second copy of every request type's query-name
   * index (75 MiB for the googleapis corpus). Without auto-mapping they are compiled here, with
   * one compiler, so request types still share their indexes.
   */
  static Map<String, GatewayRoute.Rpc> compile(Transcoder transcoder, BackendBindings backends,
      JsonCodec codec, List<GatewayRoute> all) {
    Map<MethodDescriptor, MethodRoute> autoMapped = new HashMap<>();
    if (codec == transcoder.codec()) {
      for (MethodRoute route : transcoder.routes()) {
        if (route.binding().origin() == HttpBinding.Origin.AUTO_MAPPING) {
          autoMapped.put(route.method(), route);
        }
      }
    }
    BindingPlanCompiler compiler = new BindingPlanCompiler(transcoder.options(), codec);
    Map<String, GatewayRoute.Rpc> byPath = new HashMap<>();
    for (ServiceDescriptor service : transcoder.descriptors().services()) {
      for (MethodDescriptor method : service.getMethods()) {
        Optional<BoundMethod> bound = backends.method(method);
        if (bound.isEmpty()) {
          continue;
        }
        MethodRoute rest = autoMapped.get(method);
        GatewayRoute.Rpc route = new GatewayRoute.Rpc(all.size(), method, bound.get(),
            rest != null ? rest.request() : requestPlan(method, compiler),
            rest != null ? rest.response() : responsePlan(method, codec));
        if (byPath.putIfAbsent(route.path(), route) == null) {
          all.add(route);
        }
      }
    }
    return byPath;
  }

  private static BindingPlan requestPlan(MethodDescriptor method, BindingPlanCompiler compiler) {
    PathTemplate path = new PathTemplate(List.of(
        new Segment.Literal(method.getService().getFullName()),
        new Segment.Literal(method.getName())), Optional.empty());
    HttpBinding wholeBody = new HttpBinding(method, "POST", path, "*", "",
        HttpBinding.Origin.AUTO_MAPPING, 0);
    try {
      return compiler.compile(wholeBody);
    } catch (InvalidRuleException e) {
      // Body "*" and no path variables: nothing that can be invalid (auto-mapping's own rule).
      throw new IllegalStateException("cannot compile the JSON body of " + method.getFullName(), e);
    }
  }

  private static ResponsePlan responsePlan(MethodDescriptor method, JsonCodec codec) {
    try {
      return ResponsePlan.compile(method, "", codec);
    } catch (InvalidRuleException e) {
      throw new IllegalStateException("cannot compile the JSON response of "
          + method.getFullName(), e);
    }
  }
}
