package dev.gangway.transcoder.evolution;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the descriptors a gateway was given (dropped-in files) differ from what a backend serves
 * (its server reflection), for the services the backend is to serve. The comparison is the one
 * {@link BreakingChanges} makes between generations, read as "files -> backend": a declared
 * method the backend does not serve is {@code method removed}, a field the backend numbers
 * differently is {@code field number changed (files -> backend)}, and so on; plus the methods
 * the backend serves that the files do not declare.
 *
 * <p>Immutable. {@link #between} is a pure comparison, no I/O; deterministic (sorted lists).
 *
 * @param differences what the backend lacks or changes relative to the files, sorted
 * @param undeclared methods of the declared services that the backend serves and the files do
 *     not declare, sorted
 */
public record DescriptorDrift(List<BreakingChange> differences, List<String> undeclared) {
  public DescriptorDrift {
    differences = List.copyOf(differences);
    undeclared = List.copyOf(undeclared);
  }

  /** Whether the two agree. */
  public boolean none() {
    return differences.isEmpty() && undeclared.isEmpty();
  }

  /**
   * Compares the {@code declared} services with the same services in {@code served}; a declared
   * service the backend does not serve at all lists each of its methods as removed.
   */
  public static DescriptorDrift between(
      List<ServiceDescriptor> declared, List<ServiceDescriptor> served) {
    Objects.requireNonNull(declared, "declared");
    Objects.requireNonNull(served, "served");
    Map<String, ServiceDescriptor> servedByName = new HashMap<>();
    served.forEach(s -> servedByName.putIfAbsent(s.getFullName(), s));
    Set<BreakingChange> differences = new TreeSet<>();
    Set<String> undeclared = new TreeSet<>();
    MessageComparison messages = new MessageComparison(differences);
    for (ServiceDescriptor service : declared) {
      ServiceDescriptor other = servedByName.get(service.getFullName());
      for (MethodDescriptor method : service.getMethods()) {
        MethodDescriptor same = other == null ? null : other.findMethodByName(method.getName());
        if (same == null) {
          differences.add(new BreakingChange(BreakingChange.Kind.METHOD_REMOVED,
              method.getFullName(), other == null
                  ? "the backend does not serve " + service.getFullName()
                  : "the backend does not serve this method"));
        } else {
          BreakingChanges.method(method, same, messages, differences);
        }
      }
      if (other != null) {
        for (MethodDescriptor method : other.getMethods()) {
          if (service.findMethodByName(method.getName()) == null) {
            undeclared.add(method.getFullName());
          }
        }
      }
    }
    return new DescriptorDrift(new ArrayList<>(differences), new ArrayList<>(undeclared));
  }
}
