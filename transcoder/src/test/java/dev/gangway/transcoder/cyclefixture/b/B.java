package dev.gangway.transcoder.cyclefixture.b;

import dev.gangway.transcoder.cyclefixture.a.A;

/** Half of a deliberate package cycle: proves the package-cycle rule can fail. */
public final class B {
  private B() {}

  public static B make() {
    return new B();
  }

  public static Object back() {
    return A.class;
  }
}
