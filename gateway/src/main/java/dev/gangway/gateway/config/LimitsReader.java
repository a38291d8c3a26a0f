package dev.gangway.gateway.config;

import java.util.List;

/**
 * Reads the {@code limits} section into a {@link LimitsConfig}; absent keys keep the defaults.
 *
 * <p>Stateless and thread-safe; setup code.
 */
final class LimitsReader {
  static final List<String> KEYS = List.of("max_connections", "max_concurrent_requests",
      "max_streams_per_connection", "max_header_count", "max_url_size", "max_buffered_bodies",
      "offload_body_size", "max_pending_binds", "max_json_depth", "max_json_string",
      "max_json_number_length", "max_json_entries");

  private static final int MANY = 1_000_000;

  private LimitsReader() {}

  static LimitsConfig read(ConfigNode node) throws ConfigException {
    node.mapping(KEYS);
    LimitsConfig d = LimitsConfig.DEFAULT;
    return new LimitsConfig(
        node.get("max_connections").integer(1, MANY).orElse(d.maxConnections()),
        node.get("max_concurrent_requests").integer(1, MANY).orElse(d.maxConcurrentRequests()),
        node.get("max_streams_per_connection").integer(1, MANY)
            .orElse(d.maxStreamsPerConnection()),
        node.get("max_header_count").integer(1, MANY).orElse(d.maxHeaderCount()),
        (int) node.get("max_url_size").size(1 << 20).orElse(d.maxUrlBytes()),
        node.get("max_buffered_bodies").size(Long.MAX_VALUE).orElse(d.maxBufferedBodyBytes()),
        node.get("offload_body_size").size(Integer.MAX_VALUE).orElse(d.offloadBodyBytes()),
        node.get("max_pending_binds").integer(1, MANY).orElse(d.maxPendingBinds()),
        node.get("max_json_depth").integer(1, 1000).orElse(d.maxJsonDepth()),
        (int) node.get("max_json_string").size(Integer.MAX_VALUE).orElse(d.maxJsonStringBytes()),
        node.get("max_json_number_length").integer(1, MANY).orElse(d.maxJsonNumberLength()),
        node.get("max_json_entries").integer(1, Integer.MAX_VALUE).orElse(d.maxJsonEntries()));
  }
}
