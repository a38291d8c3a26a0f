package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.gateway.errors.Responses;
import dev.gangway.gateway.routing.GatewayRoute;
import dev.gangway.gateway.routing.RawPath;
import dev.gangway.gateway.routing.RouteMatch;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The static-site branch of the chain: serves a request that matched a static site (GET or HEAD;
 * the route table answered other methods with 405) from the site's directory, with the resource
 * handler compiled with the snapshot. A path that is not a safe file name, or a file that is not
 * there, is the gateway's usual 404 JSON.
 *
 * <p>Immutable and thread-safe.
 */
final class StaticFilesHandler implements HttpHandler {
  private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    RouteMatch.Matched match = (RouteMatch.Matched) exchange.getAttachment(Attachments.MATCH);
    GatewayRoute.StaticSite site = (GatewayRoute.StaticSite) match.route();
    String path = RawPath.of(exchange);
    Optional<String> file = decode(path.substring(site.prefix().length()));
    // A decoded path that could step outside the directory names no file here.
    if (file.isEmpty()) {
      Responses.error(exchange, RequestSnapshot.attached(exchange).transcoder(),
          GatewayError.NO_ROUTE, exchange.getRequestMethod(), path);
      return;
    }
    if (hasBody(exchange)) {
      // A GET or HEAD body means nothing to a file (RFC 9110 section 9.3.1) and is never read:
      // the file is served and the connection closed after it, so that no byte of the unread
      // body (chunked, perhaps endless, perhaps hiding a second request) is drained or parsed.
      exchange.setPersistent(false);
    }
    // Static sites are public: nosniff keeps a browser from running a text file as script.
    exchange.getResponseHeaders().put(NOSNIFF, "nosniff");
    // Undertow redirects "dir" to "dir/" with an absolute URL built from the client's Host header
    // (open redirect via a forged Host): make it the path alone.
    exchange.addResponseCommitListener(ex -> {
      if (ex.getResponseHeaders().contains(Headers.LOCATION)) {
        ex.getResponseHeaders().put(Headers.LOCATION, path + "/");
      }
    });
    // As a PathHandler would leave them: redirects of "dir" to "dir/" keep the prefix.
    String prefix = site.prefix();
    exchange.setResolvedPath(prefix.substring(0, prefix.length() - 1));
    exchange.setRelativePath("/" + file.get());
    // Undertow's handler answers "?css" and "?js" with its directory-listing assets; files take
    // no query anyway.
    exchange.setQueryString("");
    site.files().handleRequest(exchange);
  }

  /**
   * The file path a raw path remainder names: percent-decoded as UTF-8; empty when it is not
   * valid, could step outside the directory ({@code ..}, a backslash, a NUL) or names a dotfile
   * or dot-directory ({@code .git/config}, {@code .env}), which are never published.
   */
  static Optional<String> decode(String raw) {
    ByteBuffer bytes = ByteBuffer.allocate(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return Optional.empty();
        }
        int high = Character.digit(raw.charAt(i + 1), 16);
        int low = Character.digit(raw.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return Optional.empty();
        }
        bytes.put((byte) (high << 4 | low));
        i += 2;
      } else if (c < 0x80) {
        bytes.put((byte) c);
      } else {
        return Optional.empty();
      }
    }
    bytes.flip();
    String decoded;
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes);
      decoded = chars.toString();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
    if (decoded.indexOf('\\') >= 0 || decoded.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    return dotSegment(decoded) ? Optional.empty() : Optional.of(decoded);
  }

  /** Whether a segment of the slash-separated path starts with a dot ({@code .}, {@code ..}, {@code .env}). */
  private static boolean dotSegment(String path) {
    int start = 0;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      String segment = path.substring(start, end);
      if (segment.startsWith(".")) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  /** Whether the request announces a body: any {@code Transfer-Encoding}, a non-zero length. */
  private static boolean hasBody(HttpServerExchange exchange) {
    return exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING)
        || exchange.getRequestContentLength() > 0;
  }
}
