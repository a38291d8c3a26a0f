package dev.gangway.gateway.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.transcoder.descriptor.DescriptorFootprint;
import org.junit.jupiter.api.Test;

class HeapBudgetTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void aBuildThatFitsBesideTheServingSnapshotIsAllowed() {
    assertThat(HeapBudget.refusal(300 * MIB, 200 * MIB, 768 * MIB)).isEmpty();
  }

  @Test
  void aBuildThatCannotFitIsRefusedWithTheFigures() {
    assertThat(HeapBudget.refusal(330 * MIB, 240 * MIB, 384 * MIB)).hasValue(
        "refused up front: building it needs about 330 MiB of heap and 144 MiB of the 384 MiB"
            + " maximum are free; give the JVM more heap (-Xmx), see docs/operations.md"
            + " \"Heap sizing\"");
  }

  @Test
  void theOpenApiDocumentsAddTheirOwnEstimateWhenOn() {
    // googleapis with comments: 82,394,267 bytes, of which about 61 MB are source info.
    DescriptorFootprint corpus = new DescriptorFootprint(82_394_267, 61_400_000);

    long without = HeapBudget.need(corpus, false);
    long with = HeapBudget.need(corpus, true);

    assertThat(without).isEqualTo((long) (corpus.estimatedHeapBytes() * 1.5));
    assertThat(with - without).isEqualTo(corpus.estimatedOpenApiHeapBytes());
    assertThat((with - without) / MIB).as("the documents' estimate, MiB").isBetween(40L, 50L);
  }
}
