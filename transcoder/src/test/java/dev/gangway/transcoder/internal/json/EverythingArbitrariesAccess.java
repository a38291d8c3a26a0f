package dev.gangway.transcoder.internal.json;

import dev.gangway.test.kitchen.Everything;
import net.jqwik.api.Arbitrary;

/** {@link EverythingArbitraries} for property tests in other packages. */
public final class EverythingArbitrariesAccess {
  private EverythingArbitrariesAccess() {}

  public static Arbitrary<Everything> everything() {
    return EverythingArbitraries.everything();
  }

  public static Arbitrary<Everything> wrappers() {
    return EverythingArbitraries.wrappers();
  }

  public static Arbitrary<Everything> choice() {
    return EverythingArbitraries.choice();
  }
}
