package dev.gangway.samples.support;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Slows a sample backend down on request, so that tests can make calls overlap: the metadata
 * header {@value #HEADER} (0 to {@value #MAX_DELAY_MILLIS} milliseconds, overriding the
 * server's default delay) makes every unary method answered through {@link Unary#respond} wait
 * that long first. The wait holds no thread ({@link DelayedAnswer}); a call cancelled while it
 * waits stops waiting and counts as {@link CallProbe.Phase#CANCELLED} in this interceptor's
 * probe. Methods with their own timing (Diagnostics Sleep, GetItem and Ticks) ignore it.
 *
 * <p>Immutable and thread-safe. The scheduler belongs to the caller.
 */
public final class SampleDelay implements ServerInterceptor {

  /** The request header that asks for a delay, in milliseconds. */
  public static final String HEADER = "x-sample-delay-ms";
  /** The longest delay. */
  public static final long MAX_DELAY_MILLIS = 60_000;

  private static final Metadata.Key<String> HEADER_KEY =
      Metadata.Key.of(HEADER, Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<Pending> PENDING = Context.key("sample-delay");

  /** The delay one call asked for, and where to wait and count it. */
  record Pending(long millis, ScheduledExecutorService scheduler, CallProbe probe) {}

  private final ScheduledExecutorService scheduler;
  private final CallProbe probe;
  private final long defaultMillis;

  /**
   * @param scheduler runs the timers
   * @param probe counts the delayed calls
   * @param defaultDelay the delay of calls without the header; zero for none
   */
  public SampleDelay(ScheduledExecutorService scheduler, CallProbe probe, Duration defaultDelay) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.probe = Objects.requireNonNull(probe, "probe");
    this.defaultMillis = checkedMillis(defaultDelay);
  }

  /** The delay of the current call; null when it has none. */
  static Pending current() {
    return PENDING.get();
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    long millis;
    try {
      millis = requested(headers.get(HEADER_KEY));
    } catch (StatusRuntimeException e) {
      call.close(e.getStatus(), trailers(e));
      return new ServerCall.Listener<>() {};
    }
    if (millis == 0) {
      return next.startCall(call, headers);
    }
    Context context = Context.current().withValue(PENDING, new Pending(millis, scheduler, probe));
    return Contexts.interceptCall(context, call, headers, next);
  }

  /** The delay a header value asks for; the default without one. */
  private long requested(String value) {
    if (value == null) {
      return defaultMillis;
    }
    long millis;
    try {
      millis = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw Errors.invalidArgument(HEADER, "\"" + value + "\" is not a number of milliseconds");
    }
    Errors.checkRange(HEADER, millis, MAX_DELAY_MILLIS);
    return millis;
  }

  private static Metadata trailers(StatusRuntimeException e) {
    Metadata trailers = Status.trailersFromThrowable(e);
    return trailers == null ? new Metadata() : trailers;
  }

  private static long checkedMillis(Duration delay) {
    long millis = Objects.requireNonNull(delay, "defaultDelay").toMillis();
    if (delay.isNegative() || millis > MAX_DELAY_MILLIS) {
      throw new IllegalArgumentException(
          "delay: must be between 0 and " + MAX_DELAY_MILLIS + " ms, got " + delay);
    }
    return millis;
  }
}
