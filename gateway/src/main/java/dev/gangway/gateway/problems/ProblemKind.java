package dev.gangway.gateway.problems;

/**
 * The kinds of problem, in the order reports list them: what the operator fixes first comes
 * first (a descriptor set that did not load hides everything in it).
 */
public enum ProblemKind {
  DESCRIPTOR_SET("descriptor set", "descriptor sets"),
  HTTP_RULE("HTTP rule", "HTTP rules"),
  ROUTE_CONFLICT("route conflict", "route conflicts"),
  NO_BACKEND("service without a backend", "services without a backend"),
  ROUTE_SETTING("route setting", "route settings"),
  COMPOSITE("composite route", "composite routes"),
  /** {@code gangway validate} only: a backend's service pattern that names no loaded service. */
  SERVICE_PATTERN("service pattern matching no service", "service patterns matching no service"),
  /** {@code gangway validate} only: a configured port that cannot be bound. */
  PORT("port that cannot be bound", "ports that cannot be bound"),
  /**
   * {@code gangway validate --against OLD} only: what the configured descriptors break for
   * clients of the old set (dev.gangway.transcoder.evolution.BreakingChanges).
   */
  BREAKING_CHANGE("breaking change", "breaking changes"),
  /**
   * {@code gangway validate --reflect} only: a backend with {@code reflection} enabled whose
   * descriptors could not be fetched.
   */
  REFLECTION("backend not reflected", "backends not reflected"),
  /**
   * {@code gangway validate --reflect} only: where the dropped-in files and what a backend serves
   * differ (dev.gangway.transcoder.evolution.DescriptorDrift).
   */
  DRIFT("drift from a backend", "drifts from backends");

  private final String one;
  private final String many;

  ProblemKind(String one, String many) {
    this.one = one;
    this.many = many;
  }

  /** {@code 1 HTTP rule}, {@code 453 route conflicts}. */
  public String count(long n) {
    return n + " " + (n == 1 ? one : many);
  }

  /** The plural name, for headings: {@code HTTP rules}. */
  public String heading() {
    return many;
  }

  /** The name in JSON output: {@code http_rule}. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
