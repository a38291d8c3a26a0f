package dev.gangway.transcoder;

import java.util.Objects;

/**
 * The result of transcoding one HTTP request: the route it matched and the request message as
 * protobuf bytes, ready for the gRPC call.
 *
 * @param route the matched route (gRPC method, response plan)
 * @param message the serialized request message; owned by the caller
 */
public record TranscodedRequest(MethodRoute route, byte[] message) {
  public TranscodedRequest {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(message, "message");
  }
}
