package dev.gangway.gateway.testing;

import com.google.api.HttpBody;
import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import dev.gangway.gateway.gwtest.v1.ChatRequest;
import dev.gangway.gateway.gwtest.v1.CountRequest;
import dev.gangway.gateway.gwtest.v1.DownloadChunk;
import dev.gangway.gateway.gwtest.v1.DownloadRequest;
import dev.gangway.gateway.gwtest.v1.EchoRequest;
import dev.gangway.gateway.gwtest.v1.EchoResponse;
import dev.gangway.gateway.gwtest.v1.EchoServiceGrpc;
import dev.gangway.gateway.gwtest.v1.FailRequest;
import dev.gangway.gateway.gwtest.v1.HeadersRequest;
import dev.gangway.gateway.gwtest.v1.HeadersResponse;
import dev.gangway.gateway.gwtest.v1.Item;
import dev.gangway.gateway.gwtest.v1.ListRequest;
import dev.gangway.gateway.gwtest.v1.ListResponse;
import dev.gangway.gateway.gwtest.v1.SlowRequest;
import dev.gangway.gateway.gwtest.v1.UploadRequest;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test service behind {@link EchoBackend}. Records what happened to {@code Slow} calls by tag,
 * so tests can wait for "started" and "cancelled" without sleeping.
 *
 * <p>Thread-safe.
 */
public final class TestEchoService extends EchoServiceGrpc.EchoServiceImplBase {
  public static final Metadata.Key<String> ECHO_HEADER =
      Metadata.Key.of("x-echo-header", Metadata.ASCII_STRING_MARSHALLER);
  public static final Metadata.Key<byte[]> ECHO_BIN =
      Metadata.Key.of("x-echo-bin", Metadata.BINARY_BYTE_MARSHALLER);
  public static final Metadata.Key<String> ECHO_TRAILER =
      Metadata.Key.of("x-echo-trailer", Metadata.ASCII_STRING_MARSHALLER);

  private static final ScheduledExecutorService TIMERS =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gwtest-slow");
        t.setDaemon(true);
        return t;
      });

  private final String name;
  /** Tags of Slow calls that arrived. */
  public final BlockingQueue<String> slowStarted = new LinkedBlockingQueue<>();
  /** Tags of Slow calls whose context was cancelled before they answered. */
  public final BlockingQueue<String> slowCancelled = new LinkedBlockingQueue<>();
  /** Slow calls that arrived and have not ended yet. */
  public final AtomicInteger slowInFlight = new AtomicInteger();
  /** The most Slow calls ever in flight at once. */
  public final AtomicInteger slowMaxInFlight = new AtomicInteger();

  /** What happened to Count streams. */
  public final CountStreams counts;

  public TestEchoService(String name) {
    this.name = name;
    this.counts = new CountStreams(name);
  }

  @Override
  public void echo(EchoRequest request, StreamObserver<EchoResponse> out) {
    out.onNext(EchoResponse.newBuilder().setText(request.getText()).setServer(name).build());
    out.onCompleted();
  }

  @Override
  public void slow(SlowRequest request, StreamObserver<EchoResponse> out) {
    Context context = Context.current();
    AtomicBoolean answered = new AtomicBoolean();
    slowMaxInFlight.accumulateAndGet(slowInFlight.incrementAndGet(), Math::max);
    ScheduledFuture<?> answer = TIMERS.schedule(() -> {
      if (!context.isCancelled() && answered.compareAndSet(false, true)) {
        slowInFlight.decrementAndGet();
        out.onNext(EchoResponse.newBuilder().setText(request.getTag()).setServer(name).build());
        out.onCompleted();
      }
    }, request.getDelayMs(), TimeUnit.MILLISECONDS);
    // grpc-java cancels a call's context when the call ends, answered or not: record only the
    // calls that ended before they were answered.
    context.addListener(c -> {
      answer.cancel(false);
      if (answered.compareAndSet(false, true)) {
        slowInFlight.decrementAndGet();
        slowCancelled.add(request.getTag());
      }
    }, Runnable::run);
    slowStarted.add(request.getTag());
  }

  @Override
  public void fail(FailRequest request, StreamObserver<EchoResponse> out) {
    BadRequest detail = BadRequest.newBuilder()
        .addFieldViolations(BadRequest.FieldViolation.newBuilder()
            .setField(request.getField())
            .setDescription("rejected by the test service"))
        .build();
    com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
        .setCode(request.getCode())
        .setMessage(request.getMessage())
        .addDetails(Any.pack(detail))
        .build();
    out.onError(StatusProto.toStatusRuntimeException(status));
  }

  @Override
  public void headers(HeadersRequest request, StreamObserver<HeadersResponse> out) {
    Metadata received = EchoBackend.HEADERS.get();
    HeadersResponse.Builder response = HeadersResponse.newBuilder().setServer(name);
    for (String key : received.keys()) {
      List<String> values = new ArrayList<>();
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        received.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))
            .forEach(v -> values.add(Base64.getEncoder().encodeToString(v)));
      } else {
        received.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)).forEach(values::add);
      }
      response.putReceived(key, String.join(",", values));
    }
    Deadline deadline = Context.current().getDeadline();
    response.setDeadlineMs(deadline == null ? -1 : deadline.timeRemaining(TimeUnit.MILLISECONDS));
    Metadata trailers = new Metadata();
    trailers.put(ECHO_TRAILER, "trailer-" + request.getEcho());
    if (request.getFailCode() != 0) {
      out.onError(Status.fromCodeValue(request.getFailCode())
          .withDescription("failed as asked").asRuntimeException(trailers));
      return;
    }
    Metadata headers = EchoBackend.RESPONSE_HEADERS.get();
    headers.put(ECHO_HEADER, "header-" + request.getEcho());
    headers.put(ECHO_BIN, new byte[] {0, 1, 2, (byte) 0xff});
    out.onNext(response.build());
    // Trailers of a successful call: the stub API sends them through the status' trailers.
    out.onError(Status.OK.asRuntimeException(trailers));
  }

  @Override
  public void list(ListRequest request, StreamObserver<ListResponse> out) {
    ListResponse.Builder response = ListResponse.newBuilder().setCount(request.getN());
    for (int i = 0; i < request.getN(); i++) {
      response.addItems(Item.newBuilder().setId(request.getPrefix() + i).setIndex(i)
          .setNested(EchoResponse.newBuilder().setText("n" + i).setServer(name)));
    }
    out.onNext(response.build());
    out.onCompleted();
  }

  @Override
  public void count(CountRequest request, StreamObserver<EchoResponse> out) {
    counts.count(request, out);
  }

  /** What happened to Sum streams. */
  public final SumStreams sums = new SumStreams();

  @Override
  public StreamObserver<CountRequest> sum(StreamObserver<EchoResponse> out) {
    return sums.sum(out);
  }

  /** What happened to Chat streams. */
  public final ChatStreams chats = new ChatStreams();

  @Override
  public StreamObserver<ChatRequest> chat(StreamObserver<EchoResponse> out) {
    return chats.chat(out);
  }

  @Override
  public void download(DownloadRequest request, StreamObserver<HttpBody> out) {
    counts.download(request, out);
  }

  @Override
  public void downloadChunks(DownloadRequest request, StreamObserver<DownloadChunk> out) {
    counts.downloadChunks(request, out);
  }

  /** What happened to Upload and UploadTo streams. */
  public final UploadStreams uploads = new UploadStreams();

  @Override
  public StreamObserver<HttpBody> upload(StreamObserver<EchoResponse> out) {
    return uploads.upload(out);
  }

  @Override
  public StreamObserver<UploadRequest> uploadTo(StreamObserver<EchoResponse> out) {
    return uploads.uploadTo(out);
  }
}
