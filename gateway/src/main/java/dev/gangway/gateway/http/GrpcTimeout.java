package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.transcoder.errors.TranscodingException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.time.Duration;

/**
 * Parses the {@code grpc-timeout} header in the gRPC wire format: {@code TimeoutValue TimeoutUnit},
 * 1 to 8 ASCII digits then one of {@code H M S m u n} (hours ... nanoseconds), as in the gRPC over
 * HTTP/2 protocol spec.
 *
 * <p>Stateless and thread-safe.
 */
final class GrpcTimeout {
  static final String HEADER = "grpc-timeout";
  private static final HttpString HEADER_NAME = HttpString.tryFromString(HEADER);
  private static final int MAX_DIGITS = 8;

  private GrpcTimeout() {}

  /**
   * The deadline a request gets: {@code timeout}, shortened by the client's {@code grpc-timeout}
   * header when it has one, the header itself capped at {@code cap}.
   *
   * @throws TranscodingException 400 for a malformed header
   */
  static Duration shorten(HttpServerExchange exchange, Duration timeout, Duration cap)
      throws TranscodingException {
    String header = exchange.getRequestHeaders().getFirst(HEADER_NAME);
    if (header == null) {
      return timeout;
    }
    return min(timeout, min(parse(header.trim()), cap));
  }

  static final String CONNECT_HEADER = "connect-timeout-ms";
  private static final HttpString CONNECT_HEADER_NAME = HttpString.tryFromString(CONNECT_HEADER);
  private static final int CONNECT_MAX_DIGITS = 10;

  /**
   * {@code timeout}, shortened by Connect's {@code connect-timeout-ms} header (1 to 10 digits,
   * milliseconds; connectrpc.com/docs/protocol), the header capped at {@code cap}.
   *
   * @throws TranscodingException 400 for a malformed header
   */
  static Duration shortenConnect(HttpServerExchange exchange, Duration timeout, Duration cap)
      throws TranscodingException {
    String header = exchange.getRequestHeaders().getFirst(CONNECT_HEADER_NAME);
    if (header == null) {
      return timeout;
    }
    String value = header.trim();
    if (value.isEmpty() || value.length() > CONNECT_MAX_DIGITS) {
      throw GatewayError.BAD_CONNECT_TIMEOUT.exception(CONNECT_HEADER, value);
    }
    long millis = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw GatewayError.BAD_CONNECT_TIMEOUT.exception(CONNECT_HEADER, value);
      }
      millis = millis * 10 + (c - '0'); // at most 10 digits: no overflow
    }
    return min(timeout, min(Duration.ofMillis(millis), cap));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /**
   * @throws TranscodingException 400 naming the header and the value
   */
  static Duration parse(String value) throws TranscodingException {
    int length = value.length();
    if (length < 2 || length > MAX_DIGITS + 1) {
      throw invalid(value);
    }
    long amount = 0;
    for (int i = 0; i < length - 1; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw invalid(value);
      }
      amount = amount * 10 + (c - '0'); // at most 8 digits: no overflow
    }
    switch (value.charAt(length - 1)) {
      case 'H':
        return Duration.ofHours(amount);
      case 'M':
        return Duration.ofMinutes(amount);
      case 'S':
        return Duration.ofSeconds(amount);
      case 'm':
        return Duration.ofMillis(amount);
      case 'u':
        return Duration.ofNanos(amount * 1_000);
      case 'n':
        return Duration.ofNanos(amount);
      default:
        throw invalid(value);
    }
  }

  private static TranscodingException invalid(String value) {
    return GatewayError.BAD_GRPC_TIMEOUT.exception(HEADER, value);
  }
}
