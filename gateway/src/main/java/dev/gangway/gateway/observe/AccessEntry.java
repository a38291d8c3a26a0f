package dev.gangway.gateway.observe;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one access log line says about one request; {@link AccessLine} writes it.
 *
 * <p>Immutable. Client-supplied values (path, user agent, logged headers) are kept as received
 * and escaped when written, so a client cannot forge a line or a field.
 *
 * @param startMillis when the request reached the gateway (Unix time, ms)
 * @param requestId the {@code x-request-id}: the client's or a generated one
 * @param traceId the W3C trace id of the request's trace, when there is one
 * @param client the client address (the peer, or the forwarded client behind a trusted proxy)
 * @param method the request's HTTP method
 * @param path the request's path, without the query (which may carry credentials)
 * @param protocol {@code HTTP/1.1}, {@code HTTP/2.0}
 * @param route the route template, or {@code unmatched}
 * @param status the HTTP status sent (101 for a WebSocket, then {@code closeCode})
 * @param grpcCode the gRPC code's name, or {@code none}
 * @param durationNanos from arrival to the exchange's end (a WebSocket's: to its close)
 * @param bytesIn the request's {@code Content-Length}, when it has one
 * @param bytesOut the response bytes written
 * @param backend the backend of the route's method, when it has one
 * @param rejection why the gateway refused the request itself, when it did
 * @param userAgent the {@code User-Agent}, when sent
 * @param headers the configured headers' names and values, in config order, when sent
 */
public record AccessEntry(
    long startMillis,
    String requestId,
    Optional<String> traceId,
    String client,
    String method,
    String path,
    String protocol,
    String route,
    int status,
    String grpcCode,
    long durationNanos,
    long bytesIn,
    long bytesOut,
    Optional<String> backend,
    Optional<String> rejection,
    Optional<String> userAgent,
    List<String> headers) {

  public AccessEntry {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(grpcCode, "grpcCode");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(rejection, "rejection");
    Objects.requireNonNull(userAgent, "userAgent");
    headers = List.copyOf(headers);
  }
}
