package dev.gangway.gateway.compose;

import io.grpc.Metadata;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The parts of one HTTP request that templates can refer to, already decoded, and the metadata
 * the gateway's header mapping made from its headers.
 *
 * <p>Treated as immutable once built; the metadata is copied into every call, never changed.
 *
 * @param path path variables by name (percent-decoded)
 * @param query query parameters by name, first value (percent-decoded)
 * @param headers request header values by lower-case name
 * @param metadata what calls without their own {@code headers} list are sent
 * @param identityNames the metadata names that carry the verified identity: every call is sent
 *     the gateway's values of these (from {@code metadata}), never a client's
 */
public record RequestInputs(
    Map<String, String> path,
    Map<String, String> query,
    Map<String, List<String>> headers,
    Metadata metadata,
    Set<String> identityNames) {

  public RequestInputs {
    path = Map.copyOf(path);
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
    Objects.requireNonNull(metadata, "metadata");
    identityNames = Set.copyOf(identityNames);
  }

  /** Inputs without identity metadata names. */
  public RequestInputs(Map<String, String> path, Map<String, String> query,
      Map<String, List<String>> headers, Metadata metadata) {
    this(path, query, headers, metadata, Set.of());
  }

  /**
   * The inputs of a request that matched {@code plan}.
   *
   * @param segments the raw path segments the route table matched
   * @param rawQuery the query string as sent (empty when none)
   * @param plusAsSpace whether {@code +} in the query means a space
   * @param headers request header values by lower-case name
   */
  public static RequestInputs of(CompositePlan plan, List<String> segments, String rawQuery,
      boolean plusAsSpace, Map<String, List<String>> headers, Metadata metadata,
      Set<String> identityNames) {
    return new RequestInputs(plan.captures().values(segments),
        QueryValues.parse(rawQuery, plusAsSpace), headers, metadata, identityNames);
  }
}
