package dev.gangway.transcoder.evolution;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a new descriptor generation with the served one and lists what breaks the served
 * one's clients: removed routes and methods, changed method signatures, and, in every message
 * and enum the served methods reach, removed or renumbered or retyped fields, removed enum values
 * and request fields newly marked {@code REQUIRED}.
 *
 * <p>Stateless and thread-safe; runs at reload or in {@code gangway validate}, never on the
 * request path. Additions (new methods, fields, values) are not breaking and not listed.
 *
 * <pre>{@code
 * List<BreakingChange> changes = BreakingChanges.between(serving, candidate);
 * }</pre>
 */
public final class BreakingChanges {
  private BreakingChanges() {}

  /**
   * What {@code next} breaks for clients of {@code served}, sorted by kind then subject; empty
   * when nothing breaks. Deterministic: the same two generations give the same list.
   */
  public static List<BreakingChange> between(Transcoder served, Transcoder next) {
    Objects.requireNonNull(served, "served");
    Objects.requireNonNull(next, "next");
    Set<BreakingChange> changes = new TreeSet<>();
    routes(served, next, changes);
    MessageComparison messages = new MessageComparison(changes);
    Map<String, MethodDescriptor> nextMethods = methods(next.descriptors().services());
    for (MethodDescriptor old : methods(served.descriptors().services()).values()) {
      MethodDescriptor now = nextMethods.get(old.getFullName());
      if (now == null) {
        changes.add(new BreakingChange(BreakingChange.Kind.METHOD_REMOVED, old.getFullName(),
            "not in the new descriptors"));
      } else {
        method(old, now, messages, changes);
      }
    }
    return List.copyOf(changes);
  }

  /**
   * Compares one method in two generations: its shape, then the messages it reaches. Shared with
   * {@link DescriptorDrift}, so drift and breaking changes read the same.
   */
  static void method(MethodDescriptor old, MethodDescriptor now,
      MessageComparison messages, Set<BreakingChange> changes) {
    String oldShape = shape(old);
    String newShape = shape(now);
    if (!oldShape.equals(newShape)) {
      changes.add(new BreakingChange(BreakingChange.Kind.METHOD_CHANGED, old.getFullName(),
          oldShape + " -> " + newShape));
      return;
    }
    messages.compare(old.getInputType(), now.getInputType(), true);
    messages.compare(old.getOutputType(), now.getOutputType(), false);
  }

  /** {@code (stream pkg.Req) returns (pkg.Resp)}. */
  private static String shape(MethodDescriptor m) {
    return "(" + (m.isClientStreaming() ? "stream " : "") + m.getInputType().getFullName()
        + ") returns (" + (m.isServerStreaming() ? "stream " : "")
        + m.getOutputType().getFullName() + ")";
  }

  private static void routes(Transcoder served, Transcoder next, Set<BreakingChange> changes) {
    Set<String> kept = new HashSet<>();
    for (MethodRoute route : next.routes()) {
      kept.add(route.describe());
    }
    for (MethodRoute route : served.routes()) {
      if (!kept.contains(route.describe())) {
        changes.add(new BreakingChange(BreakingChange.Kind.ROUTE_REMOVED, route.describe(),
            "no route with this method and template calls this gRPC method"));
      }
    }
  }

  private static Map<String, MethodDescriptor> methods(List<ServiceDescriptor> services) {
    Map<String, MethodDescriptor> byName = new HashMap<>();
    for (ServiceDescriptor service : services) {
      for (MethodDescriptor method : service.getMethods()) {
        byName.putIfAbsent(method.getFullName(), method);
      }
    }
    return byName;
  }
}
