package dev.gangway.samples.support;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Answers a unary call from a function. Stateless and thread-safe. */
public final class Unary {

  private Unary() {}

  /**
   * Answers with {@link #answer}, at once or, when the call asked for a delay with the
   * {@value SampleDelay#HEADER} header ({@link SampleDelay}), after it. Call it from the service
   * method: the delay travels in the call's context.
   */
  public static <T> void respond(StreamObserver<T> observer, Supplier<T> handler) {
    SampleDelay.Pending delay = SampleDelay.current();
    if (delay == null) {
      answer(observer, handler);
    } else {
      DelayedAnswer.respondAfter(
          delay.scheduler(), delay.millis(), delay.probe(), observer, handler);
    }
  }

  /**
   * Sends what {@code handler} returns, or the status it throws. Other exceptions are left to
   * grpc-java, which answers UNKNOWN without leaking the exception to the client.
   */
  public static <T> void answer(StreamObserver<T> observer, Supplier<T> handler) {
    T response;
    try {
      response = handler.get();
    } catch (StatusRuntimeException e) {
      observer.onError(e);
      return;
    }
    observer.onNext(response);
    observer.onCompleted();
  }
}
