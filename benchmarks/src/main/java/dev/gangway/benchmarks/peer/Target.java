package dev.gangway.benchmarks.peer;

/** The peer benchmark's targets, in the order each round runs them. */
enum Target {
  DIRECT_GRPC("direct gRPC, backend alone"),
  UNDERTOW("bare Undertow, canned JSON"),
  ARMERIA("Armeria transcoding in-process"),
  GANGWAY("Gangway (gateway + backend)");

  private final String label;

  Target(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
