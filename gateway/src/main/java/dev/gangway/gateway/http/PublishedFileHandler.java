package dev.gangway.gateway.http;

import dev.gangway.gateway.routing.GatewayRoute;
import dev.gangway.gateway.routing.PublishedFile;
import dev.gangway.gateway.routing.RouteMatch;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.ETag;
import io.undertow.util.ETagUtils;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The published-file branch of the chain: sends a file generated with the snapshot (GET or HEAD;
 * the route table answered other methods with 405) from memory, with its entity tag; a request
 * whose {@code If-None-Match} names that tag gets 304 without the body. {@code no-cache}: a
 * client may keep the file but asks again, since a reload can change it.
 *
 * <p>The file is kept gzip-compressed ({@link PublishedFile}): a client that accepts gzip gets
 * those bytes ({@code Content-Encoding: gzip}), any other gets them inflated while they are sent
 * ({@link InflatingSender}); {@code Vary: Accept-Encoding} tells caches. The two representations
 * have their own strong tags (RFC 9110 section 8.8.3); {@code If-None-Match} with either answers
 * 304, since both name the same content.
 *
 * <p>Immutable and thread-safe; never blocks.
 */
final class PublishedFileHandler implements HttpHandler {
  private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    RouteMatch.Matched match = (RouteMatch.Matched) exchange.getAttachment(Attachments.MATCH);
    PublishedFile file = ((GatewayRoute.Published) match.route()).file();
    boolean gzip =
        AcceptEncoding.acceptsGzip(exchange.getRequestHeaders().get(Headers.ACCEPT_ENCODING));
    exchange.getResponseHeaders()
        .put(Headers.CONTENT_TYPE, file.contentType())
        .put(Headers.ETAG, gzip ? file.gzipEtag() : file.etag())
        .put(Headers.VARY, Headers.ACCEPT_ENCODING_STRING)
        .put(Headers.CACHE_CONTROL, "no-cache")
        .put(NOSNIFF, "nosniff");
    String ifNoneMatch = exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH);
    // RFC 9110 section 13.1.2: If-None-Match compares weakly; false means "a tag matched".
    if (ifNoneMatch != null
        && !ETagUtils.handleIfNoneMatch(ifNoneMatch, List.of(tag(file.etag()),
            tag(file.gzipEtag())), true)) {
      exchange.setStatusCode(StatusCodes.NOT_MODIFIED);
      exchange.endExchange();
      return;
    }
    if (gzip) {
      exchange.getResponseHeaders().put(Headers.CONTENT_ENCODING, "gzip")
          .put(Headers.CONTENT_LENGTH, file.gzipped().length);
    } else {
      exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, file.length());
    }
    if (exchange.getRequestMethod().equals(Methods.HEAD)) {
      exchange.endExchange();
    } else if (gzip) {
      exchange.getResponseSender().send(ByteBuffer.wrap(file.gzipped()));
    } else {
      InflatingSender.send(exchange, file.open());
    }
  }

  private static ETag tag(String quoted) {
    return new ETag(false, quoted.substring(1, quoted.length() - 1));
  }
}
