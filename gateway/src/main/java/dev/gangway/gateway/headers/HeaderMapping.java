package dev.gangway.gateway.headers;

import com.google.rpc.Code;
import dev.gangway.gateway.client.ClientAddress;
import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.gateway.tls.ClientCertificate;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.gateway.access.AccessOutcome;
import io.grpc.Metadata;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps HTTP request headers to gRPC metadata and backend metadata back to HTTP response headers.
 *
 * <p>Forwarded to the backend: {@code Authorization}; {@code Grpc-Metadata-<name>} as
 * {@code <name>} (binary {@code -bin} values base64-decoded); W3C {@code traceparent} and
 * {@code tracestate}; the configured allowlist; plus {@code x-forwarded-for} (the TCP peer,
 * appended to the incoming value when the peer is a trusted proxy: see
 * {@link ClientAddress}, resolved once per request), {@code x-forwarded-host} (a
 * trusted proxy's value, else {@code Host}) and {@code x-forwarded-proto}. A trusted proxy's
 * {@code forwarded}, {@code x-real-ip} and other {@code x-forwarded-*} headers pass as they are;
 * from any other peer they are dropped, and no client can send them as {@code Grpc-Metadata-*}
 * (spoofing the address that auth and rate limits rely on). The metadata must fit in
 * {@code headers.max_metadata_size} (less the transport's own headers) or the request gets 431,
 * instead of the backend resetting a connection other clients share. Never forwarded: hop-by-hop headers (RFC 9110 section 7.6.1: {@code Connection},
 * {@code Keep-Alive}, {@code Proxy-*}, {@code TE}, {@code Trailer}, {@code Transfer-Encoding},
 * {@code Upgrade}, and every name the {@code Connection} header lists) and names the gRPC
 * transport owns ({@code grpc-*}, {@code content-type}, {@code user-agent}, {@code host},
 * pseudo-headers). Back to the client: every backend header and trailer except those, as
 * {@code Grpc-Metadata-<name>} (binary values base64).
 *
 * <p>Immutable and thread-safe; built from a snapshot's {@link HeadersConfig}.
 */
public final class HeaderMapping {
  private static final Logger log = LoggerFactory.getLogger(HeaderMapping.class);

  static final String METADATA_PREFIX = "grpc-metadata-";
  static final String RESPONSE_PREFIX = "Grpc-Metadata-";
  static final String FORWARDED_FOR = "x-forwarded-for";
  static final String FORWARDED_HOST = "x-forwarded-host";
  private static final Set<String> HOP_BY_HOP = Set.of(
      "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding",
      "upgrade");
  private static final Set<String> TRANSPORT_OWNED = Set.of("content-type", "user-agent", "host");
  private static final Set<String> BUILT_IN = Set.of("authorization", "traceparent", "tracestate");
  private static final String FORWARDED_PREFIX = "x-forwarded-";
  /** Client-address headers only a trusted proxy may set (besides {@code x-forwarded-*}). */
  private static final Set<String> PROXY_SET =
      Set.of("forwarded", "x-real-ip", "x-client-cert-subject", "x-client-cert-san");
  private static final Metadata.Key<String> CLIENT_CERT_SUBJECT_KEY =
      Metadata.Key.of("x-client-cert-subject", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> CLIENT_CERT_SAN_KEY =
      Metadata.Key.of("x-client-cert-san", Metadata.ASCII_STRING_MARSHALLER);
  /**
   * What the gRPC transport adds to every call ({@code :path}, {@code :authority}, {@code te},
   * {@code content-type}, {@code user-agent}, {@code grpc-timeout}, ...), kept free under the
   * backend's metadata limit.
   */
  static final int TRANSPORT_RESERVE = 1 << 10;
  /** RFC 9113 section 6.5.2: each header field counts name + value + 32 octets. */
  private static final int ENTRY_OVERHEAD = 32;
  private static final Metadata.Key<String> FORWARDED_PROTO_KEY =
      Metadata.Key.of("x-forwarded-proto", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> FORWARDED_FOR_KEY =
      Metadata.Key.of(FORWARDED_FOR, Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> FORWARDED_HOST_KEY =
      Metadata.Key.of(FORWARDED_HOST, Metadata.ASCII_STRING_MARSHALLER);
  private static final HttpString X_FORWARDED_FOR = HttpString.tryFromString(FORWARDED_FOR);
  private static final HttpString X_FORWARDED_HOST = HttpString.tryFromString(FORWARDED_HOST);
  private static final HttpString X_FORWARDED_PROTO = HttpString.tryFromString("x-forwarded-proto");

  /** Lower-case header name -> key, for the built-in names and the allowlist. */
  private final Map<String, Metadata.Key<String>> forwarded;
  private final int maxMetadataBytes;

  private HeaderMapping(Map<String, Metadata.Key<String>> forwarded, HeadersConfig config) {
    this.forwarded = Map.copyOf(forwarded);
    this.maxMetadataBytes = config.maxMetadataBytes();
  }

  public static HeaderMapping of(HeadersConfig config) {
    Objects.requireNonNull(config, "config");
    Map<String, Metadata.Key<String>> forwarded = new HashMap<>();
    Set<String> names = new HashSet<>(BUILT_IN);
    config.forward().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
    for (String name : names) {
      if (reserved(name) || proxySet(name)) {
        log.warn("headers.forward: {} is never forwarded (reserved, or set by the gateway and"
            + " trusted proxies)", name);
      } else if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX) || !validKey(name)) {
        log.warn("headers.forward: {} cannot be a gRPC metadata name; ignored", name);
      } else {
        forwarded.put(name, Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
      }
    }
    return new HeaderMapping(forwarded, config);
  }

  /**
   * The metadata for the backend call of this request.
   *
   * @throws TranscodingException 400 for a {@code Grpc-Metadata-*-bin} value that is not base64;
   *     431 when the metadata would not fit in the backend's limit
   */
  public Metadata requestMetadata(HttpServerExchange exchange) throws TranscodingException {
    HeaderMap headers = exchange.getRequestHeaders();
    Set<String> connectionListed = connectionListed(headers);
    ClientAddress client = ClientAddress.of(exchange);
    boolean trusted = client.viaTrustedProxy();
    Metadata metadata = new Metadata();
    for (HeaderValues values : headers) {
      String name = values.getHeaderName().toString().toLowerCase(Locale.ROOT);
      if (connectionListed.contains(name)) {
        continue;
      }
      Metadata.Key<String> key = forwarded.get(name);
      if (key != null) {
        putAscii(metadata, key, values);
      } else if (name.startsWith(METADATA_PREFIX)) {
        String bare = name.substring(METADATA_PREFIX.length());
        if (!proxySet(bare)) {
          putPrefixed(metadata, bare, values, connectionListed);
        }
      } else if (trusted && proxySet(name) && !name.equals(FORWARDED_FOR)
          && !name.equals(FORWARDED_HOST) && validKey(name)) {
        putAscii(metadata, Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), values);
      }
    }
    addForwarded(exchange, headers, metadata, client);
    addClientCertificate(exchange, metadata);
    // The access policy's verdict: client copies of the identity names out, the identity in.
    AccessOutcome access = exchange.getAttachment(AccessOutcome.KEY);
    if (access != null) {
      access.applyTo(metadata);
    }
    checkSize(metadata);
    return metadata;
  }

  /**
   * With {@code server.tls.forward_client_cert}, the verified client certificate's subject and
   * SANs (one value each), which only the gateway sets.
   */
  private static void addClientCertificate(HttpServerExchange exchange, Metadata metadata) {
    ClientCertificate certificate = exchange.getAttachment(ClientCertificate.FORWARDED);
    if (certificate == null) {
      return;
    }
    if (printableAscii(certificate.subject())) {
      metadata.put(CLIENT_CERT_SUBJECT_KEY, certificate.subject());
    }
    for (String name : certificate.subjectAlternativeNames()) {
      if (printableAscii(name)) {
        metadata.put(CLIENT_CERT_SAN_KEY, name);
      }
    }
  }

  /** Names that carry the client's address or the original request: the gateway's or a proxy's. */
  private static boolean proxySet(String lowerCaseName) {
    return lowerCaseName.startsWith(FORWARDED_PREFIX) || PROXY_SET.contains(lowerCaseName);
  }

  /** 431 when the metadata, counted as HTTP/2 counts a header list, would not fit the backend. */
  private void checkSize(Metadata metadata) throws TranscodingException {
    long size = 0;
    for (String name : metadata.keys()) {
      if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        Iterable<byte[]> values =
            metadata.getAll(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER));
        for (byte[] value : values) {
          size += name.length() + ENTRY_OVERHEAD + (value.length + 2L) / 3 * 4;
        }
      } else {
        Iterable<String> values =
            metadata.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
        for (String value : values) {
          size += name.length() + ENTRY_OVERHEAD + value.length();
        }
      }
    }
    long allowed = Math.max(0, maxMetadataBytes - TRANSPORT_RESERVE);
    if (size > allowed) {
      throw new TranscodingException(Code.RESOURCE_EXHAUSTED, 431, "request headers forwarded to"
          + " the backend take " + size + " bytes, more than the " + allowed + " allowed"
          + " (headers.max_metadata_size " + maxMetadataBytes + " less " + TRANSPORT_RESERVE
          + " for the transport's own headers)");
    }
  }

  private static void putPrefixed(
      Metadata metadata, String name, HeaderValues values, Set<String> connectionListed)
      throws TranscodingException {
    if (name.isEmpty() || reserved(name) || connectionListed.contains(name) || !validKey(name)) {
      return;
    }
    if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
      Metadata.Key<byte[]> key = Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER);
      for (String value : values) {
        try {
          metadata.put(key, Base64.getDecoder().decode(value.trim()));
        } catch (IllegalArgumentException e) {
          throw GatewayError.BAD_HEADER.exception(
              values.getHeaderName(), "binary (-bin) metadata must be base64");
        }
      }
    } else {
      putAscii(metadata, Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), values);
    }
  }

  private static void putAscii(Metadata metadata, Metadata.Key<String> key, List<String> values) {
    for (String value : values) {
      if (printableAscii(value)) {
        metadata.put(key, value);
      } else {
        // gRPC ASCII values are %x20-%x7E (gRPC over HTTP/2, "Custom-Metadata").
        log.debug("header {} dropped: value is not printable ASCII", key.name());
      }
    }
  }

  private static void addForwarded(
      HttpServerExchange exchange, HeaderMap headers, Metadata metadata, ClientAddress client) {
    boolean trusted = client.viaTrustedProxy();
    if (client.peerKnown()) {
      // A proxy appends its peer (the de facto X-Forwarded-For convention); so does the gateway.
      String incoming = trusted ? joined(headers.get(X_FORWARDED_FOR)) : null;
      String forwardedFor = incoming == null ? client.peer() : incoming + ", " + client.peer();
      if (printableAscii(forwardedFor)) {
        metadata.put(FORWARDED_FOR_KEY, forwardedFor);
      }
    }
    String host = trusted ? headers.getFirst(X_FORWARDED_HOST) : null;
    if (host == null) {
      host = headers.getFirst(Headers.HOST);
    }
    if (host != null && printableAscii(host)) {
      metadata.put(FORWARDED_HOST_KEY, host);
    }
    if (!(trusted && headers.contains(X_FORWARDED_PROTO))) {
      metadata.put(FORWARDED_PROTO_KEY, exchange.getRequestScheme());
    }
  }

  private static String joined(HeaderValues values) {
    return values == null || values.isEmpty() ? null : String.join(", ", values);
  }

  /** The names the {@code Connection} header lists: hop-by-hop for this request only. */
  private static Set<String> connectionListed(HeaderMap headers) {
    HeaderValues connection = headers.get(Headers.CONNECTION);
    if (connection == null) {
      return HOP_BY_HOP;
    }
    Set<String> names = new HashSet<>(HOP_BY_HOP);
    for (String value : connection) {
      int start = 0;
      while (start <= value.length()) {
        int comma = value.indexOf(',', start);
        int end = comma < 0 ? value.length() : comma;
        names.add(value.substring(start, end).trim().toLowerCase(Locale.ROOT));
        start = end + 1;
      }
    }
    return names;
  }

  /**
   * Adds {@code headers} (null when the backend sent none) then {@code trailers}, as
   * {@link #addResponseHeaders(Metadata, HeaderMap)} does each: for a response that answers the
   * whole call.
   */
  public static void addResponseHeaders(Metadata headers, Metadata trailers, HeaderMap target) {
    if (headers != null) {
      addResponseHeaders(headers, target);
    }
    addResponseHeaders(trailers, target);
  }

  /**
   * Adds the backend's response headers and trailers (trailers after headers) as
   * {@code Grpc-Metadata-<name>}, skipping the names {@link #reserved} covers.
   */
  public static void addResponseHeaders(Metadata metadata, HeaderMap target) {
    for (String name : metadata.keys()) {
      if (reserved(name) || !validKey(name)) {
        // Not a name gRPC allows (a misbehaving backend): it could not be a valid HTTP name either.
        continue;
      }
      HttpString header = new HttpString(RESPONSE_PREFIX + name);
      if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        Iterable<byte[]> values =
            metadata.getAll(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER));
        if (values != null) {
          values.forEach(v -> target.add(header, Base64.getEncoder().encodeToString(v)));
        }
      } else {
        Iterable<String> values =
            metadata.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
        if (values != null) {
          // Only %x20-%x7E: a NUL or line break from a backend never reaches the client's parser.
          values.forEach(v -> {
            if (printableAscii(v)) {
              target.add(header, v);
            }
          });
        }
      }
    }
  }

  /** Hop-by-hop, {@code Proxy-*}, or owned by the gRPC transport: never crosses the gateway. */
  public static boolean reserved(String lowerCaseName) {
    return lowerCaseName.startsWith("grpc-")
        || lowerCaseName.startsWith(":")
        || lowerCaseName.startsWith("proxy-")
        || HOP_BY_HOP.contains(lowerCaseName)
        || TRANSPORT_OWNED.contains(lowerCaseName);
  }

  /** gRPC metadata names: {@code 0-9 a-z _ - .} (lower case after our lower-casing). */
  private static boolean validKey(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.';
      if (!ok) {
        return false;
      }
    }
    return !name.isEmpty();
  }

  public static boolean printableAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
