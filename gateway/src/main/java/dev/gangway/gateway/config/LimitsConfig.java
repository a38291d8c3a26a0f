package dev.gangway.gateway.config;

import dev.gangway.transcoder.options.JsonInputLimits;

/**
 * The bounds on what one client, or all of them together, can make the gateway hold: connections,
 * requests in flight, request heads, buffered bodies and the shape of JSON bodies. Each has a key
 * in the {@code limits} section, a default here, and its own status when it is exceeded (see
 * docs/security.md).
 *
 * @param maxConnections open client connections; beyond it the listener stops accepting until one
 *     closes, so new connections wait in the kernel's backlog (default 10000)
 * @param maxConcurrentRequests requests (and open streams, WebSockets) in flight over all
 *     connections; more get 503 with {@code Retry-After} (default 10000)
 * @param maxStreamsPerConnection concurrent HTTP/2 streams one connection may open, announced in
 *     SETTINGS_MAX_CONCURRENT_STREAMS; HTTP/1.1 serves one request at a time (default 100)
 * @param maxHeaderCount request header fields; more get 431 (default 100)
 * @param maxUrlBytes length of the request target (path and query); longer gets 414 (default 8KiB)
 * @param maxBufferedBodyBytes request body bytes held in memory by all requests together; a body
 *     that would go past it gets 503 with {@code Retry-After} (default a quarter of the heap)
 * @param offloadBodyBytes bodies at least this large are bound to protobuf on the binding pool,
 *     not on an IO thread (default 64KiB)
 * @param maxPendingBinds large bodies waiting for the binding pool; more get 503 (default 64)
 * @param maxJsonDepth nesting of arrays and objects in a JSON body; deeper is a 400 (default 64)
 * @param maxJsonStringBytes one JSON string (or member name); longer is a 400 (default 4MiB, the
 *     default body limit)
 * @param maxJsonNumberLength digits of one JSON number; longer is a 400 (default 100)
 * @param maxJsonEntries members of one JSON object or elements of one array; more is a 400
 *     (default 10000)
 */
public record LimitsConfig(
    int maxConnections,
    int maxConcurrentRequests,
    int maxStreamsPerConnection,
    int maxHeaderCount,
    int maxUrlBytes,
    long maxBufferedBodyBytes,
    long offloadBodyBytes,
    int maxPendingBinds,
    int maxJsonDepth,
    int maxJsonStringBytes,
    int maxJsonNumberLength,
    int maxJsonEntries) {

  /** A quarter of the JVM's maximum heap: room for bodies, leaving the rest to everything else. */
  public static final long DEFAULT_BUFFERED_BODY_BYTES = Runtime.getRuntime().maxMemory() / 4;

  public static final LimitsConfig DEFAULT = new LimitsConfig(
      10_000, 10_000, 100, 100, 8 << 10, DEFAULT_BUFFERED_BODY_BYTES, 64 << 10, 64, 64, 4 << 20,
      100, 10_000);

  /** The JSON limits, each named by its key for the 400's message. */
  public JsonInputLimits jsonInputLimits() {
    return new JsonInputLimits(
        new JsonInputLimits.Limit(maxJsonDepth, "limits.max_json_depth"),
        new JsonInputLimits.Limit(maxJsonEntries, "limits.max_json_entries"),
        new JsonInputLimits.Limit(maxJsonStringBytes, "limits.max_json_string"),
        new JsonInputLimits.Limit(maxJsonNumberLength, "limits.max_json_number_length"));
  }

  /** A builder starting from these limits, for changing some of them by name. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds {@link LimitsConfig} by key. Not thread-safe; the config it builds is immutable. */
  public static final class Builder {
    private int maxConnections;
    private int maxConcurrentRequests;
    private int maxStreamsPerConnection;
    private int maxHeaderCount;
    private int maxUrlBytes;
    private long maxBufferedBodyBytes;
    private long offloadBodyBytes;
    private int maxPendingBinds;
    private int maxJsonDepth;
    private int maxJsonStringBytes;
    private int maxJsonNumberLength;
    private int maxJsonEntries;

    private Builder(LimitsConfig from) {
      maxConnections = from.maxConnections;
      maxConcurrentRequests = from.maxConcurrentRequests;
      maxStreamsPerConnection = from.maxStreamsPerConnection;
      maxHeaderCount = from.maxHeaderCount;
      maxUrlBytes = from.maxUrlBytes;
      maxBufferedBodyBytes = from.maxBufferedBodyBytes;
      offloadBodyBytes = from.offloadBodyBytes;
      maxPendingBinds = from.maxPendingBinds;
      maxJsonDepth = from.maxJsonDepth;
      maxJsonStringBytes = from.maxJsonStringBytes;
      maxJsonNumberLength = from.maxJsonNumberLength;
      maxJsonEntries = from.maxJsonEntries;
    }

    public Builder maxConnections(int value) {
      maxConnections = value;
      return this;
    }

    public Builder maxConcurrentRequests(int value) {
      maxConcurrentRequests = value;
      return this;
    }

    public Builder maxStreamsPerConnection(int value) {
      maxStreamsPerConnection = value;
      return this;
    }

    public Builder maxHeaderCount(int value) {
      maxHeaderCount = value;
      return this;
    }

    public Builder maxUrlBytes(int value) {
      maxUrlBytes = value;
      return this;
    }

    public Builder maxBufferedBodyBytes(long value) {
      maxBufferedBodyBytes = value;
      return this;
    }

    public Builder offloadBodyBytes(long value) {
      offloadBodyBytes = value;
      return this;
    }

    public Builder maxPendingBinds(int value) {
      maxPendingBinds = value;
      return this;
    }

    public Builder maxJsonDepth(int value) {
      maxJsonDepth = value;
      return this;
    }

    public Builder maxJsonStringBytes(int value) {
      maxJsonStringBytes = value;
      return this;
    }

    public Builder maxJsonNumberLength(int value) {
      maxJsonNumberLength = value;
      return this;
    }

    public Builder maxJsonEntries(int value) {
      maxJsonEntries = value;
      return this;
    }

    public LimitsConfig build() {
      return new LimitsConfig(maxConnections, maxConcurrentRequests, maxStreamsPerConnection,
          maxHeaderCount, maxUrlBytes, maxBufferedBodyBytes, offloadBodyBytes, maxPendingBinds,
          maxJsonDepth, maxJsonStringBytes, maxJsonNumberLength, maxJsonEntries);
    }
  }
}
