package dev.gangway.gateway.compose;

import io.grpc.ClientCall;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gRPC calls of one {@link CompositeRun} that are in flight, each with the index of the
 * composite call it belongs to (a for_each call has several), so a failure can cancel them.
 *
 * <p>Not thread-safe: confined with its run. A cancelled call is forgotten at once, so its late
 * close is recognised as not in flight and ignored.
 */
final class InFlight {
  private final Map<ClientCall<byte[], byte[]>, Integer> calls = new IdentityHashMap<>();

  void add(ClientCall<byte[], byte[]> call, int owner) {
    calls.put(call, owner);
  }

  /** Forgets a call that closed; false when it was not in flight (it was cancelled). */
  boolean remove(ClientCall<byte[], byte[]> call) {
    return calls.remove(call) != null;
  }

  void cancelAll(String reason) {
    List<ClientCall<byte[], byte[]>> all = new ArrayList<>(calls.keySet());
    calls.clear();
    all.forEach(c -> c.cancel(reason, null));
  }

  void cancelOwnedBy(int owner, String reason) {
    List<ClientCall<byte[], byte[]>> owned = new ArrayList<>();
    calls.forEach((call, index) -> {
      if (index == owner) {
        owned.add(call);
      }
    });
    owned.forEach(c -> {
      calls.remove(c);
      c.cancel(reason, null);
    });
  }
}
