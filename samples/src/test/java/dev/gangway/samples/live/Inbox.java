package dev.gangway.samples.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A response observer that keeps what arrives, for tests to take with a timeout. */
final class Inbox<T> implements StreamObserver<T> {
  static final Duration WAIT = Duration.ofSeconds(10);

  private final BlockingQueue<T> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<Status> end = new CompletableFuture<>();

  @Override
  public void onNext(T value) {
    messages.add(value);
  }

  @Override
  public void onError(Throwable t) {
    end.complete(Status.fromThrowable(t));
  }

  @Override
  public void onCompleted() {
    end.complete(Status.OK);
  }

  /** The next message; fails after {@link #WAIT}. */
  T take() throws InterruptedException {
    T next = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(next).as("a message within %s", WAIT).isNotNull();
    return next;
  }

  /** How the call ended; fails after {@link #WAIT}. */
  Status end() throws Exception {
    return end.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Messages that arrived and were not taken. */
  int pending() {
    return messages.size();
  }
}
