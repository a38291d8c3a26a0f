package dev.gangway.gateway.http;

import com.google.rpc.Code;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.reload.SnapshotHolder;
import dev.gangway.transcoder.errors.TranscodingException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Serves the {@code static} directories of the current snapshot's config: a request whose path
 * starts with a static prefix is answered from that directory (GET and HEAD; other methods 405)
 * and never reaches the routes, so a prefix hides every route under it. A file that is not there
 * is the gateway's usual 404 JSON. Other requests go on to {@code next}.
 *
 * <p>Thread-safe. Reads the snapshot once per request ({@link RequestSnapshot}), and the handlers
 * after it use the same one; the directory handlers are rebuilt when a reload changes the
 * {@code static} section.
 */
final class StaticFilesHandler implements HttpHandler {
  private static final String ALLOW = "GET, HEAD";
  private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");

  private final SnapshotHolder snapshots;
  private final HttpHandler next;
  private final StaticSites sites = new StaticSites(StaticFilesHandler::notFound);

  StaticFilesHandler(SnapshotHolder snapshots, HttpHandler next) {
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    RuntimeSnapshot snapshot = RequestSnapshot.of(exchange, snapshots);
    if (snapshot.config().staticFiles().isEmpty()) {
      next.handleRequest(exchange);
      return;
    }
    String path = RouteHandler.rawPath(exchange);
    Optional<StaticSites.Site> site = sites.match(snapshot.config().staticFiles(), path);
    if (site.isEmpty()) {
      next.handleRequest(exchange);
      return;
    }
    if (!exchange.getRequestMethod().equals(Methods.GET)
        && !exchange.getRequestMethod().equals(Methods.HEAD)) {
      exchange.getResponseHeaders().put(Headers.ALLOW, ALLOW);
      Responses.error(exchange, snapshot.transcoder(), new TranscodingException(Code.UNIMPLEMENTED,
          405, "method " + exchange.getRequestMethod() + " not allowed for " + path
              + "; allowed: " + ALLOW));
      return;
    }
    Optional<String> file = decode(path.substring(site.get().prefix().length()));
    // A decoded path that could step outside the directory names no file here.
    if (file.isEmpty()) {
      notFound(exchange);
      return;
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
    String prefix = site.get().prefix();
    exchange.setResolvedPath(prefix.substring(0, prefix.length() - 1));
    exchange.setRelativePath("/" + file.get());
    // Undertow's handler answers "?css" and "?js" with its directory-listing assets; files take
    // no query anyway.
    exchange.setQueryString("");
    site.get().files().handleRequest(exchange);
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

  /** The gateway's 404, from the request's snapshot; ResourceHandler's answer for no file. */
  private static void notFound(HttpServerExchange exchange) {
    Responses.error(exchange, RequestSnapshot.attached(exchange).transcoder(),
        TranscodingException.notFound(
            "no route for " + exchange.getRequestMethod() + " " + RouteHandler.rawPath(exchange)));
  }
}
