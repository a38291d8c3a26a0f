package dev.gangway.transcoder.openapi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a front end's per-route HTTP semantics add to a binding's operation, beyond what the
 * binding itself says: the success status, the {@code Location}, {@code ETag} and copied
 * metadata response headers, and the conditional request headers bound to request fields. The
 * gateway makes one from a method's {@code routes} entry; the builder documents it (only on
 * unary methods, the calls those semantics apply to).
 *
 * <p>Immutable. Field paths are dotted proto names, for descriptions; the caller has checked
 * them against the method's messages.
 *
 * @param status the success status: 200, 201, 202 or 204 (no body)
 * @param location the {@code Location} template with {@code {field.path}} references to the
 *     response's fields ({@code /v1/{name}}); empty for none
 * @param etagField the response field sent as {@code ETag}; empty for none
 * @param ifMatchField the request field {@code If-Match} sets; empty for none
 * @param ifNoneMatchField the request field {@code If-None-Match} sets; empty for none
 * @param responseHeaders backend metadata names also sent as plain response headers
 */
public record OperationFacts(
    int status,
    Optional<String> location,
    Optional<String> etagField,
    Optional<String> ifMatchField,
    Optional<String> ifNoneMatchField,
    List<String> responseHeaders) {

  // Before PLAIN: the constructor reads it.
  private static final Set<Integer> STATUSES = Set.of(200, 201, 202, 204);

  /** A plain binding: 200 with the response message, no headers from fields. */
  public static final OperationFacts PLAIN = new OperationFacts(200, Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), List.of());

  public OperationFacts {
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException("status " + status + " is not 200, 201, 202 or 204");
    }
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(etagField, "etagField");
    Objects.requireNonNull(ifMatchField, "ifMatchField");
    Objects.requireNonNull(ifNoneMatchField, "ifNoneMatchField");
    responseHeaders = List.copyOf(responseHeaders);
  }
}
