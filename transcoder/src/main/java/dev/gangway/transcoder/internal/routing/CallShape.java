package dev.gangway.transcoder.internal.routing;

import com.google.protobuf.Descriptors.MethodDescriptor;

/**
 * What an HTTP request needs to call a gRPC method, declared from the easiest to serve to the
 * hardest: the order {@link BindingPrecedence#ORDER} uses to pick a conflict's winner.
 */
public enum CallShape {
  /** One message each way: any HTTP request. */
  UNARY,
  /** One request message, a stream back: any HTTP request, the response streamed. */
  SERVER_STREAMING,
  /** A stream of request messages: a streamed (NDJSON) request body. */
  CLIENT_STREAMING,
  /** Streams both ways: only a WebSocket upgrade; a plain request gets 501. */
  BIDI_STREAMING;

  /** The shape of a method's call. */
  public static CallShape of(MethodDescriptor method) {
    if (method.isClientStreaming()) {
      return method.isServerStreaming() ? BIDI_STREAMING : CLIENT_STREAMING;
    }
    return method.isServerStreaming() ? SERVER_STREAMING : UNARY;
  }
}
