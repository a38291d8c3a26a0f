package dev.gangway.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Helpers for tests that call the sample servers over gRPC. */
public final class GrpcTesting {

  private GrpcTesting() {}

  /** A plaintext channel to one started backend; the caller shuts it down. */
  public static ManagedChannel channel(RunningSamples samples, SampleBackend backend) {
    return Grpc.newChannelBuilder(samples.target(backend), InsecureChannelCredentials.create())
        .build();
  }

  public static void shutdown(ManagedChannel channel) throws InterruptedException {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }

  /** The status exception the call throws, after checking its code. */
  public static StatusRuntimeException failure(Status.Code code, ThrowingCallable call) {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call);
    assertThat(e).as("the call should fail with %s", code).isNotNull();
    assertThat(e.getStatus().getCode()).as(e.toString()).isEqualTo(code);
    return e;
  }

  /** The one detail of the given type in the error's google.rpc.Status. */
  public static <T extends Message> T detail(StatusRuntimeException e, Class<T> type) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    assertThat(status).as("google.rpc.Status of " + e).isNotNull();
    for (Any any : status.getDetailsList()) {
      if (any.is(type)) {
        try {
          return any.unpack(type);
        } catch (InvalidProtocolBufferException ex) {
          throw new AssertionError(ex);
        }
      }
    }
    return fail("no %s detail in %s", type.getSimpleName(), status);
  }
}
