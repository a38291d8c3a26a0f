package dev.gangway.gateway.reload;

import org.slf4j.Logger;

/**
 * How a snapshot build that threw is described in logs, on {@code /admin/status} and at start.
 *
 * <p>Stateless. The words for the two failures an operator can act on, running out of heap or
 * stack, are fixed here so that start and reload say the same thing.
 */
public final class BuildFailure {
  private static final long MIB = 1024 * 1024;

  private BuildFailure() {}

  /**
   * One line: {@code out of memory (Java heap space; max heap 384 MiB): give the JVM more heap
   * (-Xmx), see docs/operations.md "Heap sizing"}; other failures as {@link Throwable#toString()}.
   */
  public static String describe(Throwable failure) {
    if (failure instanceof OutOfMemoryError) {
      String what = failure.getMessage() == null ? "OutOfMemoryError" : failure.getMessage();
      return "out of memory (" + what + "; max heap " + maxHeapMib() + " MiB): give the JVM more"
          + " heap (-Xmx), see docs/operations.md \"Heap sizing\"";
    }
    if (failure instanceof StackOverflowError) {
      return "stack overflow (java.lang.StackOverflowError): a descriptor or rule nests deeper than"
          + " the thread stack allows (-Xss)";
    }
    return failure.toString();
  }

  /**
   * Logs a failed build. Out of memory and stack overflow get one line without a stack trace:
   * the trace says nothing the line does not, and printing it allocates in a full heap.
   */
  static void log(Logger log, long generation, Throwable failure) {
    if (failure instanceof VirtualMachineError) {
      log.error("building snapshot {} failed: {}", generation, describe(failure));
    } else {
      log.error("building snapshot {} failed unexpectedly", generation, failure);
    }
  }

  /** The JVM's heap limit in MiB. */
  public static long maxHeapMib() {
    return Runtime.getRuntime().maxMemory() / MIB;
  }
}
