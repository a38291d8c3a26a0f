package dev.gangway.samples.diagnostics;

import com.google.rpc.Code;
import dev.gangway.samples.support.DelayedAnswer;
import dev.gangway.samples.support.Errors;
import dev.gangway.samples.support.Unary;
import io.grpc.Metadata;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The {@code gangway.samples.diagnostics.v1.Diagnostics} service: echoes metadata, sleeps without
 * a thread, fails on request, names its instance, lists items and answers for one after a
 * delay (for fan-out tests), and streams ticks.
 *
 * <p>Thread-safe. Register {@link #definition()}, which adds the interceptor that captures
 * request metadata and sets Echo's header and trailer. The scheduler belongs to the caller, who
 * shuts it down after the server.
 */
public final class DiagnosticsService extends DiagnosticsGrpc.DiagnosticsImplBase {

  /** The longest Sleep, and the longest pause between ticks. */
  public static final long MAX_SLEEP_MILLIS = 60_000;
  /** The most ticks one Ticks call sends. */
  public static final int MAX_TICKS = 10_000;

  private final String instance;
  private final ScheduledExecutorService scheduler;
  private final DiagnosticsProbe probe;
  private final Clock clock;

  /**
   * @param instance the name WhoAmI returns
   * @param scheduler runs the timers of Sleep and GetItem and paces ticks
   * @param probe receives what happens to Sleep, GetItem and Ticks calls
   */
  public DiagnosticsService(String instance, ScheduledExecutorService scheduler,
      DiagnosticsProbe probe, Clock clock) {
    this.instance = Objects.requireNonNull(instance, "instance");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.probe = Objects.requireNonNull(probe, "probe");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** This service with its interceptor; what a server should register. */
  public ServerServiceDefinition definition() {
    return ServerInterceptors.intercept(this, new DiagnosticsInterceptor());
  }

  @Override
  public void echo(EchoRequest request, StreamObserver<EchoResponse> out) {
    Unary.respond(out, () -> EchoResponse.newBuilder()
        .setRequest(request)
        .putAllMetadata(textMetadata(DiagnosticsInterceptor.REQUEST_METADATA.get()))
        .setInstance(instance)
        .build());
  }

  @Override
  public void sleep(SleepRequest request, StreamObserver<SleepResponse> out) {
    long millis = request.getMillis();
    try {
      Errors.checkRange("millis", millis, MAX_SLEEP_MILLIS);
    } catch (StatusRuntimeException e) {
      out.onError(e);
      return;
    }
    DelayedAnswer.respondAfter(scheduler, millis, probe.calls(DiagnosticsProbe.Kind.SLEEP), out,
        () -> SleepResponse.newBuilder().setSleptMillis(millis).setInstance(instance).build());
  }

  @Override
  public void listItems(ListItemsRequest request, StreamObserver<ListItemsResponse> out) {
    Unary.respond(out, () -> Items.list(request.getCount(), instance));
  }

  @Override
  public void getItem(GetItemRequest request, StreamObserver<Item> out) {
    int index;
    long millis = request.getDelayMillis();
    try {
      index = Items.index(request.getId());
      Errors.checkRange("delay_millis", millis, MAX_SLEEP_MILLIS);
    } catch (StatusRuntimeException e) {
      out.onError(e);
      return;
    }
    DelayedAnswer.respondAfter(scheduler, millis, probe.calls(DiagnosticsProbe.Kind.GET_ITEM), out,
        () -> Items.item(index, instance));
  }

  @Override
  public void fail(FailRequest request, StreamObserver<FailResponse> out) {
    Unary.respond(out, () -> {
      int code = request.getCodeValue();
      if (code == Code.OK_VALUE) {
        return FailResponse.newBuilder().setInstance(instance).build();
      }
      Code known = Code.forNumber(code);
      if (known == null) {
        throw Errors.invalidArgument("code", code + " is not a gRPC status code (0 to 16)");
      }
      String message = request.getMessage().isEmpty()
          ? "failure requested with code " + known.name()
          : request.getMessage();
      throw Errors.build(known, message, Errors.badRequest("code", "failure requested: " + known));
    });
  }

  @Override
  public void whoAmI(WhoAmIRequest request, StreamObserver<WhoAmIResponse> out) {
    Unary.respond(out, () -> WhoAmIResponse.newBuilder().setInstance(instance).build());
  }

  @Override
  public void ticks(TicksRequest request, StreamObserver<Tick> out) {
    try {
      Errors.checkRange("count", request.getCount(), MAX_TICKS);
      Errors.checkRange("interval_millis", request.getIntervalMillis(), MAX_SLEEP_MILLIS);
    } catch (StatusRuntimeException e) {
      out.onError(e);
      return;
    }
    new TickStream((ServerCallStreamObserver<Tick>) out, request, instance, scheduler,
        probe.calls(DiagnosticsProbe.Kind.TICKS), clock).start();
  }

  /** The text entries of {@code metadata} (null: none) by key; "-bin" keys are left out. */
  private static Map<String, HeaderValues> textMetadata(Metadata metadata) {
    Map<String, HeaderValues> result = new TreeMap<>();
    if (metadata == null) {
      return result;
    }
    for (String key : metadata.keys()) {
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        continue;
      }
      Iterable<String> values =
          metadata.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
      HeaderValues.Builder entry = HeaderValues.newBuilder();
      if (values != null) {
        values.forEach(entry::addValues);
      }
      result.put(key, entry.build());
    }
    return result;
  }
}
