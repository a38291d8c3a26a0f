package dev.gangway.gateway.routing;

import com.google.protobuf.Descriptors;
import dev.gangway.gateway.backend.BoundMethod;
import dev.gangway.gateway.compose.CompositePlan;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.internal.binding.BindingPlan;
import dev.gangway.transcoder.internal.json.ResponsePlan;
import io.undertow.server.HttpHandler;
import java.util.Objects;
import java.util.Optional;

/**
 * One route of a snapshot's {@link GatewayRoutes}, of any kind, with everything compiled for it
 * when the snapshot was built.
 *
 * <p>Immutable and thread-safe. {@link #id()} is the route's index in {@link GatewayRoutes#all()},
 * dense from 0, so per-route state of a policy can live in an array indexed by it (see {@link
 * dev.gangway.gateway.policy.PerRoute}).
 */
public sealed interface GatewayRoute
    permits GatewayRoute.Transcoded, GatewayRoute.Composite, GatewayRoute.StaticSite,
        GatewayRoute.Published, GatewayRoute.Rpc {

  /** The route's index in {@link GatewayRoutes#all()}; unique within one snapshot. */
  int id();

  /** {@code GET /v1/{name=shelves/*} -> pkg.Service.Method}, for logs and admin. */
  String describe();

  /**
   * The HTTP method the route answers ({@code GET} for a static site or a published file, which
   * also answer HEAD):
   * the {@code method} label of metrics, spans and access log lines.
   */
  String httpMethod();

  /**
   * The route's path template as configured ({@code /v1/{name=shelves/*}}; a static site's
   * prefix followed by {@code **}; a published file's path): the {@code route} label of metrics,
   * spans and access log lines, bounded by the configuration, never a request's path.
   */
  String template();

  /**
   * A gRPC method bound by {@code google.api.http} (or auto-mapping).
   *
   * @param method the transcoder's route: binding plan, response plan, gRPC method
   * @param bound the backend binding: channel (if any), byte[] method descriptor, timeout
   * @param followUp for a client-streaming method, the body-only plan that binds the WebSocket
   *     messages after the first (no path or query variables); empty otherwise
   * @param semantics the success status, headers from fields and conditional headers of the
   *     method's {@code routes} entry ({@link HttpSemantics#PLAIN} without one)
   */
  record Transcoded(int id, MethodRoute method, BoundMethod bound, Optional<BindingPlan> followUp,
      HttpSemantics semantics) implements GatewayRoute {
    public Transcoded {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(bound, "bound");
      Objects.requireNonNull(followUp, "followUp");
      Objects.requireNonNull(semantics, "semantics");
    }

    @Override
    public String describe() {
      return method.describe();
    }

    @Override
    public String httpMethod() {
      return method.binding().httpMethod();
    }

    @Override
    public String template() {
      return method.binding().template().format();
    }

    /** The kind this route is served as over plain HTTP. */
    RouteKind httpKind() {
      if (method.clientStreaming() && method.serverStreaming()) {
        return RouteKind.BIDI_STREAMING;
      }
      if (method.clientStreaming()) {
        return RouteKind.CLIENT_STREAMING;
      }
      return method.serverStreaming() ? RouteKind.SERVER_STREAMING : RouteKind.UNARY;
    }

    boolean streaming() {
      return method.clientStreaming() || method.serverStreaming();
    }
  }

  /** A composite route from the {@code composites} config section. */
  record Composite(int id, CompositePlan plan) implements GatewayRoute {
    public Composite {
      Objects.requireNonNull(plan, "plan");
    }

    @Override
    public String describe() {
      return "composite \"" + plan.name() + "\" (" + plan.describe() + ")";
    }

    @Override
    public String httpMethod() {
      return plan.httpMethod();
    }

    @Override
    public String template() {
      return plan.template().format();
    }
  }

  /**
   * A gRPC method served to gRPC-Web and Connect clients at {@code POST
   * /<package.Service>/<Method>}: every method of the loaded services, HTTP rule or not.
   *
   * @param method the gRPC method
   * @param bound the backend binding
   * @param jsonRequest binds a Connect JSON request (the whole message as proto3 JSON)
   * @param jsonResponse renders a response message as proto3 JSON, for Connect JSON
   */
  record Rpc(int id, Descriptors.MethodDescriptor method, BoundMethod bound,
      BindingPlan jsonRequest, ResponsePlan jsonResponse) implements GatewayRoute {
    public Rpc {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(bound, "bound");
      Objects.requireNonNull(jsonRequest, "jsonRequest");
      Objects.requireNonNull(jsonResponse, "jsonResponse");
    }

    /** {@code /package.Service/Method}, the path gRPC-Web and Connect clients call. */
    public String path() {
      return "/" + grpcMethodName();
    }

    /** {@code package.Service/Method}. */
    public String grpcMethodName() {
      return method.getService().getFullName() + "/" + method.getName();
    }

    @Override
    public String describe() {
      return "gRPC-Web/Connect POST " + path() + " -> " + method.getFullName();
    }

    /** gRPC-Web and Connect calls are all POSTs. */
    @Override
    public String httpMethod() {
      return "POST";
    }

    /** The method's path: one label per loaded method, as bounded as the descriptors. */
    @Override
    public String template() {
      return path();
    }
  }

  /**
   * A static site from the {@code static} config section.
   *
   * @param prefix the path prefix, ending in {@code /}
   * @param files Undertow's resource handler for the directory, built with the snapshot
   */
  record StaticSite(int id, String prefix, HttpHandler files) implements GatewayRoute {
    public StaticSite {
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(files, "files");
    }

    @Override
    public String describe() {
      return "static " + prefix;
    }

    @Override
    public String httpMethod() {
      return "GET";
    }

    @Override
    public String template() {
      return prefix + "**";
    }
  }

  /** A file generated with the snapshot, served at its exact path (GET and HEAD). */
  record Published(int id, PublishedFile file) implements GatewayRoute {
    public Published {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public String describe() {
      return "published " + file.path();
    }

    @Override
    public String httpMethod() {
      return "GET";
    }

    @Override
    public String template() {
      return file.path();
    }
  }
}
