package dev.gangway.gateway.policy;

import dev.gangway.gateway.routing.GatewayRoute;
import dev.gangway.gateway.routing.GatewayRoutes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A policy's per-route settings, resolved once per snapshot for every route and looked up by
 * {@link GatewayRoute#id()}: an array read per request, no map lookup, no matching.
 *
 * <pre>{@code
 * PerRoute<Limit> limits = PerRoute.resolve(routes, route -> limitFor(config, route));
 * Limit limit = limits.get(matched.route());   // per request
 * }</pre>
 *
 * <p>Immutable and thread-safe when the settings are.
 *
 * @param <T> the settings of one route
 */
public final class PerRoute<T> {
  private final List<T> settings;

  private PerRoute(List<T> settings) {
    this.settings = settings;
  }

  /** Resolves the settings of every route of a snapshot; {@code settings} must not return null. */
  public static <T> PerRoute<T> resolve(
      GatewayRoutes routes, Function<? super GatewayRoute, ? extends T> settings) {
    List<T> out = new ArrayList<>(routes.all().size());
    for (GatewayRoute route : routes.all()) {
      out.add(Objects.requireNonNull(settings.apply(route), () -> "settings of " + route));
    }
    return new PerRoute<>(List.copyOf(out));
  }

  /** The settings of a route of the snapshot these were resolved for. */
  public T get(GatewayRoute route) {
    return settings.get(route.id());
  }
}
