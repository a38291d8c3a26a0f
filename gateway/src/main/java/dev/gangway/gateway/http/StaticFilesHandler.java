package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.gateway.errors.Responses;
import dev.gangway.gateway.routing.GatewayRoute;
import dev.gangway.gateway.routing.RawPath;
import dev.gangway.gateway.routing.RouteMatch;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
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
   * valid or could step outside the directory ({@code ..}, a backslash, a NUL).
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

  /** Whether a segment of the slash-separated path is {@code .} or {@code ..}. */
  private static boolean dotSegment(String path) {
    int start = 0;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      String segment = path.substring(start, end);
      if (segment.equals(".") || segment.equals("..")) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }
}
