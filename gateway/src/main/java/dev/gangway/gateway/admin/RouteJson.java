package dev.gangway.gateway.admin;

import dev.gangway.gateway.access.AccessRoutePolicy;

import dev.gangway.gateway.backend.BoundMethod;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.routing.HttpBinding;
import java.util.Locale;

/**
 * One served route as the admin API shows it.
 *
 * <p>Immutable.
 *
 * @param httpMethod {@code GET}, or {@code *} for a custom rule that takes any method
 * @param template the path template in canonical form
 * @param grpcMethod the method on the wire, {@code pkg.Service/Method}
 * @param backend the backend that serves it, or null when none does
 * @param origin {@code annotation}, {@code additional_binding} or {@code auto_mapping}
 * @param body the rule's body: empty, {@code *} or a field name
 * @param responseBody the rule's response_body: empty for the whole message, or a field name
 * @param streaming {@code unary}, {@code server}, {@code client} or {@code bidi}
 * @param access who may call it and its rate limits
 */
record RouteJson(
    String httpMethod,
    String template,
    String grpcMethod,
    String backend,
    String origin,
    String body,
    String responseBody,
    String streaming,
    AccessJson access) {

  static RouteJson of(MethodRoute route, RuntimeSnapshot snapshot) {
    HttpBinding b = route.binding();
    // Bound once per snapshot, the same binding requests use.
    String backend = snapshot.backends().method(route.method())
        .flatMap(BoundMethod::backendName)
        .orElse(null);
    return new RouteJson(
        b.httpMethod(),
        b.template().format(),
        route.grpcMethodName(),
        backend,
        b.origin().name().toLowerCase(Locale.ROOT),
        b.body(),
        b.responseBody(),
        streaming(route),
        AccessJson.of(AccessRoutePolicy.of(snapshot.policies().policies()).forMethod(route.method().getFullName())));
  }

  private static String streaming(MethodRoute route) {
    if (route.clientStreaming()) {
      return route.serverStreaming() ? "bidi" : "client";
    }
    return route.serverStreaming() ? "server" : "unary";
  }
}
