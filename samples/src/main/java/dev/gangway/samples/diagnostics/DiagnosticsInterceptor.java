package dev.gangway.samples.diagnostics;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Makes the request metadata available to the Diagnostics methods and, on Echo, adds the
 * {@code x-diag-header: h} response header and the {@code x-diag-trailer: t} trailer.
 *
 * <p>Stateless and thread-safe.
 */
final class DiagnosticsInterceptor implements ServerInterceptor {

  /** The request metadata of the current call. */
  static final Context.Key<Metadata> REQUEST_METADATA = Context.key("diagnostics-request-metadata");

  static final Metadata.Key<String> ECHO_HEADER =
      Metadata.Key.of("x-diag-header", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> ECHO_TRAILER =
      Metadata.Key.of("x-diag-trailer", Metadata.ASCII_STRING_MARSHALLER);

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    Context context = Context.current().withValue(REQUEST_METADATA, headers);
    ServerCall<ReqT, RespT> answered = call;
    if (call.getMethodDescriptor().getFullMethodName().equals(DiagnosticsGrpc.getEchoMethod()
        .getFullMethodName())) {
      answered = new EchoMarkers<>(call);
    }
    return Contexts.interceptCall(context, answered, headers, next);
  }

  /** Adds the Echo response header and trailer. */
  private static final class EchoMarkers<ReqT, RespT>
      extends SimpleForwardingServerCall<ReqT, RespT> {

    EchoMarkers(ServerCall<ReqT, RespT> call) {
      super(call);
    }

    @Override
    public void sendHeaders(Metadata headers) {
      headers.put(ECHO_HEADER, "h");
      super.sendHeaders(headers);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      trailers.put(ECHO_TRAILER, "t");
      super.close(status, trailers);
    }
  }
}
