package dev.gangway.gateway.http;

import dev.gangway.gateway.observe.RequestRecord;
import java.util.Optional;

import io.grpc.Channel;
import io.grpc.Metadata;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a WebSocket call needs from its upgrade request, taken before the upgrade (the HTTP
 * exchange is gone once the connection speaks WebSocket).
 *
 * <p>Immutable, except that {@code metadata} must not be changed once the call has started.
 *
 * @param routed the matched route, snapshot and backend binding
 * @param backend the backend channel
 * @param metadata the call's metadata, mapped from the upgrade request's headers
 * @param timeout the call's deadline, from the DeadlineHandler
 * @param rawQuery the upgrade URL's query string (raw), bound into the first message
 * @param pathAndQuery the request message bound from path and query alone (an empty body): the
 *     request of a server-streaming method whose rule has no body
 * @param record the upgrade request's record, to note the socket's end on and record it then
 */
record WebSocketStart(
    Routed routed,
    Channel backend,
    Metadata metadata,
    Duration timeout,
    String rawQuery,
    byte[] pathAndQuery,
    Optional<RequestRecord> record) {
  WebSocketStart {
    Objects.requireNonNull(routed, "routed");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(rawQuery, "rawQuery");
    Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    Objects.requireNonNull(record, "record");
  }
}
