package dev.gangway.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gangway.transcoder.internal.codec.CodecException;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One composite request in progress: results by call, the calls in flight and the deadline. A
 * call starts as soon as every call it reads has finished, so independent calls run together; a
 * for_each call keeps at most {@code concurrency} element calls in flight. The outcome is handed
 * to the completion exactly once, after which every call still in flight is cancelled.
 *
 * <p>Not thread-safe: confined to one thread. Every gRPC callback runs on {@code executor} (the
 * exchange's IO thread), and {@link #start} and {@link #cancel} must be called there too, so no
 * state needs locking and nothing blocks.
 */
public final class CompositeRun {
  private static final Logger log = LoggerFactory.getLogger(CompositeRun.class);
  private static final byte PENDING = 0;
  private static final byte RUNNING = 1;
  private static final byte DONE = 2;
  private static final byte MISSING = 3;

  private final CompositePlan plan;
  private final RequestInputs inputs;
  private final Executor executor;
  private final Duration timeout;
  private final Deadline deadline;
  private final Consumer<CompositeOutcome> completion;
  private final JsonNode[] results;
  private final byte[] states;
  private final FanOut[] fanOuts;
  private final InFlight inFlight = new InFlight();
  private int remaining;
  private boolean finished;
  private final CallOptions base;

  private CompositeRun(CompositePlan plan, RequestInputs inputs, Executor executor,
      Duration timeout, Consumer<CompositeOutcome> completion, CallOptions base) {
    this.plan = plan;
    this.base = base;
    this.inputs = inputs;
    this.executor = executor;
    this.timeout = timeout;
    this.deadline = Deadline.after(timeout.toNanos(), TimeUnit.NANOSECONDS);
    this.completion = completion;
    int n = plan.calls().size();
    this.results = new JsonNode[n];
    this.states = new byte[n];
    this.fanOuts = new FanOut[n];
    this.remaining = n;
  }

  /**
   * Starts every call whose inputs are there (those that read no other call).
   *
   * @param executor where gRPC delivers callbacks; the caller's own thread
   * @param timeout the overall deadline; each call gets what is left of it, at most its cap
   * @param completion receives the outcome, once, on the executor's thread
   */
  public static CompositeRun start(CompositePlan plan, RequestInputs inputs, Executor executor,
      Duration timeout, Consumer<CompositeOutcome> completion) {
    return start(plan, inputs, executor, timeout, CallOptions.DEFAULT, completion);
  }

  /**
   * As above; every call's options start from {@code base} (which carries the request's record
   * to the backend call observer: each call its own client span, the request id forwarded).
   */
  public static CompositeRun start(CompositePlan plan, RequestInputs inputs, Executor executor,
      Duration timeout, CallOptions base, Consumer<CompositeOutcome> completion) {
    CompositeRun run = new CompositeRun(Objects.requireNonNull(plan, "plan"),
        Objects.requireNonNull(inputs, "inputs"), Objects.requireNonNull(executor, "executor"),
        Objects.requireNonNull(timeout, "timeout"),
        Objects.requireNonNull(completion, "completion"), Objects.requireNonNull(base, "base"));
    run.guarded(run::advance);
    return run;
  }

  /** The client went away or the exchange ended: cancels every call in flight; no outcome. */
  public void cancel(String reason) {
    if (!finished) {
      finished = true;
      inFlight.cancelAll(reason);
    }
  }

  /** Whether the outcome was delivered or the run was cancelled. */
  public boolean finished() {
    return finished;
  }

  /** Starts what can start; finishes when every call is done or missing. */
  private void advance() {
    boolean changed;
    do {
      changed = false;
      for (CallPlan call : plan.calls()) {
        if (finished) {
          return;
        }
        if (states[call.index()] != PENDING || !inputsArrived(call)) {
          continue;
        }
        changed = true;
        if (inputMissing(call)) {
          settle(call.index(), MISSING, null); // skipped: what it reads is missing
        } else {
          launch(call);
        }
      }
    } while (changed);
    if (!finished && remaining == 0) {
      finish();
    }
  }

  private boolean inputsArrived(CallPlan call) {
    for (int dependency : call.dependsOn()) {
      if (states[dependency] == PENDING || states[dependency] == RUNNING) {
        return false;
      }
    }
    return true;
  }

  private boolean inputMissing(CallPlan call) {
    for (int dependency : call.dependsOn()) {
      if (states[dependency] == MISSING) {
        return true;
      }
    }
    return false;
  }

  private void launch(CallPlan call) {
    states[call.index()] = RUNNING;
    if (call.forEach().isEmpty()) {
      startOne(call, -1, null);
      return;
    }
    JsonNode list = call.forEach().get().resolve(new Scope(inputs, results, null, null));
    List<JsonNode> elements = new ArrayList<>();
    if (list != null && list.isArray()) {
      list.forEach(elements::add);
    }
    if (elements.isEmpty()) {
      settle(call.index(), DONE, JsonNodeFactory.instance.arrayNode());
      return;
    }
    FanOut fanOut = new FanOut(elements);
    fanOuts[call.index()] = fanOut;
    int first = Math.min(call.concurrency(), elements.size());
    for (int k = 0; k < first && states[call.index()] == RUNNING && !finished; k++) {
      startNext(call, fanOut);
    }
  }

  /** Starts one gRPC call: the call itself, or one element of a for_each call. */
  private void startOne(CallPlan call, int element, JsonNode item) {
    if (call.bound().channel().isEmpty()) {
      failed(call, element, CallFailures.noBackend(call, element));
      return;
    }
    JsonNode request = call.request().evaluate(new Scope(inputs, results, item, null));
    byte[] message;
    try {
      message = plan.codec().toProto(call.method().getInputType(), request);
    } catch (CodecException e) {
      failed(call, element, CallFailures.badRequest(call, element, "request: " + e.getMessage()));
      return;
    }
    Deadline cap = Deadline.after(call.cap().toNanos(), TimeUnit.NANOSECONDS);
    CallOptions options = base
        .withDeadline(deadline.minimum(cap))
        .withExecutor(executor);
    Channel channel = call.bound().channel().get();
    ClientCall<byte[], byte[]> grpcCall = channel.newCall(call.bound().grpcMethod(), options);
    Listener listener = new Listener(call, element, grpcCall, cap);
    inFlight.add(grpcCall, call.index());
    grpcCall.start(listener, call.metadata(inputs));
    grpcCall.request(1);
    grpcCall.sendMessage(message);
    grpcCall.halfClose();
  }

  private void closed(Listener l, Status status, byte[] message, Metadata trailers) {
    if (finished || !inFlight.remove(l.grpcCall)) {
      return; // cancelled by us: its outcome no longer matters
    }
    CallPlan call = l.call;
    if (!status.isOk()) {
      if (status.getCode() == Status.Code.DEADLINE_EXCEEDED && deadline.isExpired()) {
        overallDeadlinePassed();
        return;
      }
      failed(call, l.element, CallFailures.of(call, l.element, status, trailers,
          l.cap.isExpired()));
    } else if (message == null) {
      failed(call, l.element, CallFailures.internal(call, l.element,
          "the backend sent no response message"));
    } else {
      try {
        succeeded(call, l.element, plan.codec().toJson(call.method().getOutputType(), message));
      } catch (IOException e) {
        failed(call, l.element, CallFailures.internal(call, l.element,
            "its response could not be read"));
      }
    }
    advance();
  }

  private void succeeded(CallPlan call, int element, JsonNode result) {
    if (element < 0) {
      settle(call.index(), DONE, result);
      return;
    }
    FanOut fanOut = fanOuts[call.index()];
    fanOut.results.set(element, result);
    fanOut.done++;
    if (fanOut.complete()) {
      settle(call.index(), DONE, fanOut.results);
    } else if (fanOut.hasNext()) {
      startNext(call, fanOut);
    }
  }

  private void startNext(CallPlan call, FanOut fanOut) {
    int element = fanOut.next++;
    startOne(call, element, fanOut.elements.get(element));
  }

  /** An optional call's part goes missing; a required call's failure ends the composite. */
  private void failed(CallPlan call, int element, com.google.rpc.Status status) {
    if (states[call.index()] != RUNNING || finished) {
      return;
    }
    if (call.optional()) {
      log.debug("composite {}: optional {}", plan.name(), status.getMessage());
      settle(call.index(), MISSING, null);
      inFlight.cancelOwnedBy(call.index(),
          "another element of call \"" + call.name() + "\" failed");
      return;
    }
    finished = true;
    inFlight.cancelAll("call \"" + call.name() + "\" of composite \"" + plan.name() + "\" failed");
    completion.accept(new CompositeOutcome.Failed(status));
  }

  private void overallDeadlinePassed() {
    List<String> running = new ArrayList<>();
    for (CallPlan call : plan.calls()) {
      if (states[call.index()] == RUNNING) {
        running.add(call.name());
      }
    }
    finished = true;
    inFlight.cancelAll("the deadline of composite \"" + plan.name() + "\" passed");
    completion.accept(new CompositeOutcome.Failed(
        CallFailures.deadline(plan.name(), timeout, running)));
  }

  private void settle(int index, byte state, JsonNode result) {
    states[index] = state;
    results[index] = result;
    remaining--;
  }

  private void finish() {
    finished = true;
    List<String> partial = new ArrayList<>();
    for (CallPlan call : plan.calls()) {
      if (states[call.index()] == MISSING) {
        partial.add(call.name());
      }
    }
    JsonNode body = plan.response().evaluate(new Scope(inputs, results, null, partial));
    completion.accept(new CompositeOutcome.Composed(MessageCodec.write(body), partial));
  }

  /** A failure in our own code: one 500, every call cancelled, never a hung exchange. */
  private void guarded(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | Error e) {
      log.error("composite {}: unexpected failure", plan.name(), e);
      if (!finished) {
        finished = true;
        inFlight.cancelAll("the gateway failed");
        completion.accept(new CompositeOutcome.Failed(CallFailures.plain(Status.Code.INTERNAL,
            "composite \"" + plan.name() + "\" failed in the gateway")));
      }
    }
  }

  /** Collects one gRPC call's response and hands its close to the run. */
  private final class Listener extends ClientCall.Listener<byte[]> {
    final CallPlan call;
    final int element;
    final ClientCall<byte[], byte[]> grpcCall;
    final Deadline cap;
    byte[] message;

    Listener(CallPlan call, int element, ClientCall<byte[], byte[]> grpcCall, Deadline cap) {
      this.call = call;
      this.element = element;
      this.grpcCall = grpcCall;
      this.cap = cap;
    }

    @Override
    public void onMessage(byte[] message) {
      this.message = message;
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      guarded(() -> closed(this, status, message, trailers));
    }
  }
}
