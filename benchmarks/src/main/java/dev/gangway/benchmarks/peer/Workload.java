package dev.gangway.benchmarks.peer;

/** The peer benchmark's two workloads. */
enum Workload {
  /** {@code GET /v1/users/42}, Users.GetUser: about 324 bytes of JSON back. */
  SMALL_GET("small GET", "/v1/users/" + Payloads.USER_ID, false),
  /** {@code POST /v1/orders}, Orders.EchoOrder: about 8.9 KB of JSON each way. */
  ORDER("8.9 KB order", "/v1/orders", true);

  private final String label;
  private final String path;
  private final boolean post;

  Workload(String label, String path, boolean post) {
    this.label = label;
    this.path = path;
    this.post = post;
  }

  String label() {
    return label;
  }

  String path() {
    return path;
  }

  boolean post() {
    return post;
  }
}
