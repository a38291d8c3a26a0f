package dev.gangway.gateway.http;

import dev.gangway.gateway.routing.GatewayRoute;
import dev.gangway.transcoder.errors.TranscodingException;
import java.util.List;

/**
 * Connect's JSON messages: a request body bound to the method's request message as proto3 JSON
 * (the whole message, as a REST body {@code "*"}), and a response message rendered the same
 * way, with the plans compiled for the route at snapshot build.
 *
 * <p>Stateless and thread-safe.
 */
final class RpcJson {
  private RpcJson() {}

  /** @throws TranscodingException 400 naming the field, as for a REST body */
  static byte[] bind(GatewayRoute.Rpc route, byte[] json) throws TranscodingException {
    return route.jsonRequest().bind(List.of(), "", "application/json", json);
  }

  /** @throws TranscodingException when the backend's message does not render */
  static byte[] render(GatewayRoute.Rpc route, byte[] message) throws TranscodingException {
    return route.jsonResponse().render(message).body();
  }

  /** A transcoding failure as the status a call ends with. */
  static com.google.rpc.Status status(TranscodingException e) {
    return com.google.rpc.Status.newBuilder().setCode(e.code().getNumber())
        .setMessage(e.getMessage()).build();
  }
}
