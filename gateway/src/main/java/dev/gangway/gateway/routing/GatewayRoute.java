package dev.gangway.gateway.routing;

import dev.gangway.gateway.backend.BoundMethod;
import dev.gangway.gateway.compose.CompositePlan;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.internal.binding.BindingPlan;
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
        GatewayRoute.Published {

  /** The route's index in {@link GatewayRoutes#all()}; unique within one snapshot. */
  int id();

  /** {@code GET /v1/{name=shelves/*} -> pkg.Service.Method}, for logs and admin. */
  String describe();

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
  }
}
