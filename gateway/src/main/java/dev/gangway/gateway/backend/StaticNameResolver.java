package dev.gangway.gateway.backend;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Resolves a {@link StaticTarget}: each entry becomes one {@link EquivalentAddressGroup}.
 *
 * <p>Thread-safe in grpc-java's sense: {@code start}, {@code refresh} and {@code shutdown} come from
 * the channel's synchronization context, results go back through it. Host names are looked up on
 * the channel's offload executor, never on the synchronization context (lookups may block);
 * grpc-java calls {@link #refresh()} after connection failures, so a name that moves is followed.
 */
final class StaticNameResolver extends NameResolver {
  private final StaticTarget target;
  private final SynchronizationContext syncContext;
  private final Executor offload;
  private Listener2 listener;
  private boolean shutdown;
  private boolean resolving;

  StaticNameResolver(StaticTarget target, Args args) {
    this.target = target;
    this.syncContext = args.getSynchronizationContext();
    Executor executor = args.getOffloadExecutor();
    this.offload = executor != null ? executor : Runnable::run;
  }

  @Override
  public String getServiceAuthority() {
    return target.authority();
  }

  @Override
  public void start(Listener2 listener) {
    this.listener = listener;
    resolve();
  }

  @Override
  public void refresh() {
    resolve();
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  private void resolve() {
    if (resolving || shutdown) {
      return;
    }
    resolving = true;
    offload.execute(
        () -> {
          List<EquivalentAddressGroup> groups = new ArrayList<>();
          List<String> unresolved = new ArrayList<>();
          for (StaticTarget.HostPort hostPort : target.addresses()) {
            InetSocketAddress address = new InetSocketAddress(hostPort.host(), hostPort.port());
            if (address.isUnresolved()) {
              unresolved.add(hostPort.toString());
            } else {
              groups.add(new EquivalentAddressGroup(address));
            }
          }
          syncContext.execute(() -> deliver(groups, unresolved));
        });
  }

  private void deliver(List<EquivalentAddressGroup> groups, List<String> unresolved) {
    resolving = false;
    if (shutdown) {
      return;
    }
    if (groups.isEmpty()) {
      listener.onError(
          Status.UNAVAILABLE.withDescription("static target: cannot resolve " + unresolved));
      return;
    }
    // Entries that did not resolve are left out; refresh() tries them again.
    listener.onResult2(ResolutionResult.newBuilder().setAddresses(groups).build());
  }
}
