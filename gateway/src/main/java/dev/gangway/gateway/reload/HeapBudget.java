package dev.gangway.gateway.reload;

import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.transcoder.descriptor.DescriptorFootprint;
import java.util.Optional;

/**
 * Whether a reload's snapshot fits in the heap beside the serving one, judged before building it:
 * a build that runs the heap out takes the whole JVM into garbage-collection thrash (and an
 * OutOfMemoryError may hit any thread, not only the reloader's), so one that cannot fit is
 * refused up front.
 *
 * <p>Stateless. The estimate comes from the descriptor sets' sizes ({@link DescriptorFootprint}),
 * with the OpenAPI documents when {@code openapi.enabled};
 * what is in use counts garbage too, so before refusing it collects once and looks again.
 */
final class HeapBudget {
  /**
   * Building needs more than the snapshot keeps (parsed sets, builders, garbage not collected
   * yet): the googleapis corpus peaked at about 1.5 times its live size.
   */
  static final double BUILD_PEAK_FACTOR = 1.5;
  private static final long MIB = 1024 * 1024;

  private HeapBudget() {}

  /** Why building from {@code config} would not fit now; empty when it would. */
  static Optional<String> refusal(GatewayConfig config) {
    long need = need(DescriptorFootprint.of(config.descriptors().paths()),
        config.openApi().enabled());
    Runtime runtime = Runtime.getRuntime();
    Optional<String> refusal = refusal(need, used(runtime), runtime.maxMemory());
    if (refusal.isPresent()) {
      System.gc(); // once per refused reload, never on the request path
      refusal = refusal(need, used(runtime), runtime.maxMemory());
    }
    return refusal;
  }

  /**
   * What building a snapshot of sets of this footprint needs: the transcoder's estimate times the
   * build's peak factor, plus the OpenAPI documents when they are on (built and compressed while
   * the rest of the snapshot is held, so counted once, not times the factor).
   */
  static long need(DescriptorFootprint footprint, boolean openApi) {
    return (long) (footprint.estimatedHeapBytes() * BUILD_PEAK_FACTOR)
        + (openApi ? footprint.estimatedOpenApiHeapBytes() : 0);
  }

  /** The rule: the build's estimated need must fit in what the heap has left. */
  static Optional<String> refusal(long needBytes, long usedBytes, long maxBytes) {
    if (usedBytes + needBytes <= maxBytes) {
      return Optional.empty();
    }
    return Optional.of("refused up front: building it needs about " + needBytes / MIB
        + " MiB of heap and " + Math.max(0, maxBytes - usedBytes) / MIB + " MiB of the "
        + maxBytes / MIB + " MiB maximum are free; give the JVM more heap (-Xmx), see"
        + " docs/operations.md \"Heap sizing\"");
  }

  private static long used(Runtime runtime) {
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
