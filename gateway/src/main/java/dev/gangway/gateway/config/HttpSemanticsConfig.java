package dev.gangway.gateway.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP semantics of one method's bindings, from its {@code routes} entry: the success status,
 * headers taken from response fields, conditional request headers bound to request fields, and
 * backend metadata sent as plain headers (docs/api-consumers.md#http-semantics).
 *
 * <p>Immutable. Field paths are dotted proto names; they are resolved against the method's
 * messages when a snapshot is built.
 *
 * @param status the success status: 200 (default), 201, 202 or 204 (no body)
 * @param location the {@code Location} header: text with {@code {field.path}} references to
 *     string fields of the response, e.g. {@code /v1/{name}}; empty for none
 * @param etag the response's string field sent as {@code ETag}; empty for none
 * @param ifMatch the request's string field set from {@code If-Match}; empty for none
 * @param ifNoneMatch the request's string field set from {@code If-None-Match}; empty for none
 * @param responseHeaders backend response metadata names (lower case) also sent under their own
 *     name, besides {@code Grpc-Metadata-<name>}
 */
public record HttpSemanticsConfig(
    int status,
    Optional<String> location,
    Optional<String> etag,
    Optional<String> ifMatch,
    Optional<String> ifNoneMatch,
    List<String> responseHeaders) {

  /** The success statuses a route may answer with. */
  public static final Set<Integer> STATUSES = Set.of(200, 201, 202, 204);

  public static final HttpSemanticsConfig DEFAULT = new HttpSemanticsConfig(
      200, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());

  public HttpSemanticsConfig {
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException("status " + status + " is not one of " + STATUSES);
    }
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(ifMatch, "ifMatch");
    Objects.requireNonNull(ifNoneMatch, "ifNoneMatch");
    responseHeaders = List.copyOf(responseHeaders);
  }
}
