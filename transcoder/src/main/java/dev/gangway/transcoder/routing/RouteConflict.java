package dev.gangway.transcoder.routing;

import dev.gangway.transcoder.internal.routing.RouteTable;
import java.util.Objects;

/**
 * Two routes with the same HTTP method, verb and path shape: only the winner is served.
 *
 * <p>Immutable. Found by {@link RouteTable.Builder#build()}; the winner is the route the table's
 * precedence ranks first, so it does not depend on the order routes were added.
 *
 * @param httpMethod the HTTP method both routes use ({@code *} for any)
 * @param template the template text of the route that is not served
 * @param winner the description of the route that is served
 * @param loser the description of the route that is not served
 */
public record RouteConflict(String httpMethod, String template, String winner, String loser) {
  public RouteConflict {
    Objects.requireNonNull(httpMethod, "httpMethod");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(winner, "winner");
    Objects.requireNonNull(loser, "loser");
  }

  @Override
  public String toString() {
    return httpMethod + " " + template + ": " + loser + " is not served; " + winner
        + " matches the same requests and takes precedence";
  }
}
