package dev.gangway.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The public HTTP listener.
 *
 * @param bind address to bind, e.g. {@code 0.0.0.0} (default) or {@code 127.0.0.1}
 * @param port TCP port; 0 picks an ephemeral port (default 8080)
 * @param ioThreads Undertow IO threads; 0 = one per core (default)
 * @param idleTimeout close idle keep-alive connections after this (default 60s)
 * @param readTimeout give up on a request whose headers or body stall for this long (default 30s)
 * @param maxRequestBodyBytes larger bodies get 413 (default 4 MiB)
 * @param maxHeaderBytes larger request headers are refused (default 16 KiB)
 * @param maxGrpcTimeout a client's {@code grpc-timeout} header is capped at this (default 60s)
 * @param streamFormat how a server-streaming response is framed when the client's {@code Accept}
 *     header asks for no particular streaming type (default {@link StreamFormat#NDJSON})
 * @param streamTimeout the deadline of streaming calls (server, client or bidi) whose method has
 *     no {@code routes} timeout, instead of the backend's unary timeout (default 1h)
 * @param tls HTTPS on the listener; empty for plain HTTP (default)
 * @param h2c whether the cleartext listener also speaks HTTP/2 (prior knowledge and the HTTP/1.1
 *     Upgrade); HTTPS always offers HTTP/2 by ALPN (default false)
 * @param trustedProxies the peers (load balancers, CDNs) whose {@code X-Forwarded-For} names the
 *     client and whose forwarding headers pass to backends; the one list every use of the client
 *     address reads: header forwarding, rate limits per address, the access log (default none:
 *     the TCP peer is the client)
 * @param clientAddressHeader the header those proxies name the client in (default
 *     {@code X-Forwarded-For})
 */
public record ServerConfig(
    String bind,
    int port,
    int ioThreads,
    Duration idleTimeout,
    Duration readTimeout,
    long maxRequestBodyBytes,
    int maxHeaderBytes,
    Duration maxGrpcTimeout,
    StreamFormat streamFormat,
    Duration streamTimeout,
    Optional<ServerTlsConfig> tls,
    boolean h2c,
    List<AddressRange> trustedProxies,
    ClientAddressHeader clientAddressHeader) {

  public ServerConfig {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(maxGrpcTimeout, "maxGrpcTimeout");
    Objects.requireNonNull(streamFormat, "streamFormat");
    Objects.requireNonNull(streamTimeout, "streamTimeout");
    Objects.requireNonNull(tls, "tls");
    trustedProxies = List.copyOf(trustedProxies);
    Objects.requireNonNull(clientAddressHeader, "clientAddressHeader");
  }

  public static final ServerConfig DEFAULT = new ServerConfig(
      "0.0.0.0", 8080, 0, Duration.ofSeconds(60), Duration.ofSeconds(30), 4L << 20, 16 << 10,
      Duration.ofSeconds(60), StreamFormat.NDJSON, Duration.ofHours(1), Optional.empty(), false,
      List.of(), ClientAddressHeader.X_FORWARDED_FOR);

  /** A builder starting from these settings, for changing some of them by name. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a {@link ServerConfig} by key rather than by position. Not thread-safe; the config it
   * builds is immutable.
   */
  public static final class Builder {
    private String bind;
    private int port;
    private int ioThreads;
    private Duration idleTimeout;
    private Duration readTimeout;
    private long maxRequestBodyBytes;
    private int maxHeaderBytes;
    private Duration maxGrpcTimeout;
    private StreamFormat streamFormat;
    private Duration streamTimeout;
    private Optional<ServerTlsConfig> tls;
    private boolean h2c;
    private List<AddressRange> trustedProxies;
    private ClientAddressHeader clientAddressHeader;

    private Builder(ServerConfig from) {
      bind = from.bind;
      port = from.port;
      ioThreads = from.ioThreads;
      idleTimeout = from.idleTimeout;
      readTimeout = from.readTimeout;
      maxRequestBodyBytes = from.maxRequestBodyBytes;
      maxHeaderBytes = from.maxHeaderBytes;
      maxGrpcTimeout = from.maxGrpcTimeout;
      streamFormat = from.streamFormat;
      streamTimeout = from.streamTimeout;
      tls = from.tls;
      h2c = from.h2c;
      trustedProxies = from.trustedProxies;
      clientAddressHeader = from.clientAddressHeader;
    }

    public Builder bind(String value) {
      bind = value;
      return this;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder ioThreads(int value) {
      ioThreads = value;
      return this;
    }

    public Builder idleTimeout(Duration value) {
      idleTimeout = value;
      return this;
    }

    public Builder readTimeout(Duration value) {
      readTimeout = value;
      return this;
    }

    public Builder maxRequestBodyBytes(long value) {
      maxRequestBodyBytes = value;
      return this;
    }

    public Builder maxHeaderBytes(int value) {
      maxHeaderBytes = value;
      return this;
    }

    public Builder maxGrpcTimeout(Duration value) {
      maxGrpcTimeout = value;
      return this;
    }

    public Builder streamFormat(StreamFormat value) {
      streamFormat = value;
      return this;
    }

    public Builder streamTimeout(Duration value) {
      streamTimeout = value;
      return this;
    }

    public Builder tls(Optional<ServerTlsConfig> value) {
      tls = value;
      return this;
    }

    public Builder h2c(boolean value) {
      h2c = value;
      return this;
    }

    public Builder trustedProxies(List<AddressRange> value) {
      trustedProxies = value;
      return this;
    }

    public Builder clientAddressHeader(ClientAddressHeader value) {
      clientAddressHeader = value;
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(bind, port, ioThreads, idleTimeout, readTimeout,
          maxRequestBodyBytes, maxHeaderBytes, maxGrpcTimeout, streamFormat, streamTimeout, tls, h2c,
          trustedProxies, clientAddressHeader);
    }
  }

  /** The default framing of server-streaming responses. Constants only. */
  public enum StreamFormat {
    /** One JSON message per line ({@code application/x-ndjson}), written as each arrives. */
    NDJSON("ndjson"),
    /** One JSON array ({@code application/json}), elements written as each arrives (Envoy). */
    JSON_ARRAY("json_array");

    private final String configName;

    StreamFormat(String configName) {
      this.configName = configName;
    }

    /** The spelling in the config file. */
    public String configName() {
      return configName;
    }
  }
}
