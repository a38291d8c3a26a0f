package dev.gangway.transcoder.cyclefixture.a;

import dev.gangway.transcoder.cyclefixture.b.B;

/** Half of a deliberate package cycle: proves the package-cycle rule can fail. */
public final class A {
  private A() {}

  public static B other() {
    return B.make();
  }
}
