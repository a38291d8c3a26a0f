package dev.gangway.gateway.testing;

import dev.gangway.gateway.gwtest.v1.ChatRequest;
import dev.gangway.gateway.gwtest.v1.EchoResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code Chat} bidirectional stream of {@link TestEchoService}: answers every message as it
 * arrives with {@code echo <text> [room=<room> prefix=<prefix>]} (so tests see what the gateway
 * bound into each message), fails the call when a message carries a {@code fail_code}, and
 * records by tag (of the call's first message) what happened, so tests can observe cancellation
 * without sleeping.
 *
 * <p>Thread-safe.
 */
public final class ChatStreams {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** Tags of calls cancelled (or failed by the client side) before they completed. */
  public final BlockingQueue<String> cancelled = new LinkedBlockingQueue<>();
  /** Tags of calls the client completed (half-closed) normally. */
  public final BlockingQueue<String> completed = new LinkedBlockingQueue<>();
  /** The {@code authorization} metadata of each call, by tag ("" when absent). */
  public final Map<String, String> authorization = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

  /** Messages received so far by calls tagged {@code tag}. */
  public int received(String tag) {
    return counter(tag).get();
  }

  private AtomicInteger counter(String tag) {
    return received.computeIfAbsent(tag, t -> new AtomicInteger());
  }

  StreamObserver<ChatRequest> chat(StreamObserver<EchoResponse> out) {
    Metadata headers = EchoBackend.HEADERS.get();
    return new StreamObserver<>() {
      private String tag;
      private int count;
      private boolean failed;

      @Override
      public void onNext(ChatRequest request) {
        if (failed) {
          return;
        }
        count++;
        if (tag == null) {
          tag = request.getTag();
          String auth = headers == null ? null : headers.get(AUTHORIZATION);
          authorization.put(tag, auth == null ? "" : auth);
        }
        counter(tag).incrementAndGet();
        if (request.getFailCode() != 0) {
          failed = true;
          out.onError(Status.fromCodeValue(request.getFailCode())
              .withDescription("failed at message " + count).asRuntimeException());
          return;
        }
        out.onNext(EchoResponse.newBuilder()
            .setText("echo " + request.getText() + " [room=" + request.getRoom()
                + " prefix=" + request.getPrefix() + "]")
            .build());
      }

      @Override
      public void onError(Throwable t) {
        cancelled.add(tag == null ? "" : tag);
      }

      @Override
      public void onCompleted() {
        if (!failed) {
          completed.add(tag == null ? "" : tag);
          out.onCompleted();
        }
      }
    };
  }
}
