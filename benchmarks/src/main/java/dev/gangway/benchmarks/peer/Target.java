package dev.gangway.benchmarks.peer;

/** The peer benchmark's targets, in the order each round runs them. */
enum Target {
  DIRECT_GRPC("direct gRPC, backend alone"),
  UNDERTOW("bare Undertow, canned JSON"),
  ARMERIA("Armeria transcoding in-process"),
  GANGWAY("Gangway (gateway + backend)"),
  /** Another build of Gangway (-Dpeer.baseline=JAR), for before/after figures in one run. */
  GANGWAY_BASELINE("Gangway baseline build");

  private final String label;

  Target(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
