package dev.gangway.gateway.testing;

import com.google.api.HttpBody;
import dev.gangway.gateway.gwtest.v1.EchoResponse;
import dev.gangway.gateway.gwtest.v1.UploadRequest;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * The {@code Upload} and {@code UploadTo} client streams of {@link TestEchoService}: collect the
 * HttpBody messages' data and answer what arrived, and record finished and cancelled uploads so
 * tests can check how the body was cut into messages.
 *
 * <p>Thread-safe.
 */
public final class UploadStreams {
  /** Uploads that completed normally. */
  public final BlockingQueue<Upload> completed = new LinkedBlockingQueue<>();
  /** Uploads the client side ended with an error (cancelled). */
  public final AtomicInteger cancelled = new AtomicInteger();
  /** Data bytes received so far by all uploads (messages reach the backend as they arrive). */
  public final AtomicLong bytesReceived = new AtomicLong();

  /**
   * One finished upload.
   *
   * @param names the distinct path-bound names its messages carried ({@code UploadTo} only)
   * @param messageSizes the data size of each message, in order
   */
  public record Upload(
      Set<String> names, Set<String> contentTypes, List<Integer> messageSizes, long crc) {
    public long bytes() {
      return messageSizes.stream().mapToLong(Integer::longValue).sum();
    }
  }

  StreamObserver<HttpBody> upload(StreamObserver<EchoResponse> out) {
    Collector collector = new Collector(out);
    return new StreamObserver<>() {
      @Override
      public void onNext(HttpBody body) {
        collector.add(null, body);
      }

      @Override
      public void onError(Throwable t) {
        cancelled.incrementAndGet();
      }

      @Override
      public void onCompleted() {
        collector.complete();
      }
    };
  }

  StreamObserver<UploadRequest> uploadTo(StreamObserver<EchoResponse> out) {
    Collector collector = new Collector(out);
    return new StreamObserver<>() {
      @Override
      public void onNext(UploadRequest request) {
        collector.add(request.getName(), request.getFile());
      }

      @Override
      public void onError(Throwable t) {
        cancelled.incrementAndGet();
      }

      @Override
      public void onCompleted() {
        collector.complete();
      }
    };
  }

  /** One stream's state; gRPC delivers a stream's callbacks one at a time. */
  private final class Collector {
    private final StreamObserver<EchoResponse> out;
    private final Set<String> names = new LinkedHashSet<>();
    private final Set<String> contentTypes = new LinkedHashSet<>();
    private final List<Integer> sizes = new ArrayList<>();
    private final CRC32 crc = new CRC32();

    Collector(StreamObserver<EchoResponse> out) {
      this.out = out;
    }

    void add(String name, HttpBody body) {
      if (name != null) {
        names.add(name);
      }
      contentTypes.add(body.getContentType());
      sizes.add(body.getData().size());
      crc.update(body.getData().asReadOnlyByteBuffer());
      bytesReceived.addAndGet(body.getData().size());
    }

    void complete() {
      Upload upload = new Upload(Set.copyOf(names), Set.copyOf(contentTypes), List.copyOf(sizes),
          crc.getValue());
      completed.add(upload);
      String text = (names.isEmpty() ? "" : "names=" + String.join(",", names) + " ")
          + "messages=" + sizes.size() + " bytes=" + upload.bytes()
          + " types=" + String.join(",", contentTypes) + " crc=" + crc.getValue();
      out.onNext(EchoResponse.newBuilder().setText(text).build());
      out.onCompleted();
    }
  }
}
