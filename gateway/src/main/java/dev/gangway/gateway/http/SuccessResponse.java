package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.Responses;
import dev.gangway.gateway.headers.HeaderMapping;
import dev.gangway.gateway.routing.HttpSemantics;
import dev.gangway.transcoder.render.RenderedBody;
import io.grpc.Metadata;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.ETag;
import io.undertow.util.ETagUtils;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.util.Optional;

/**
 * Writes a unary call's success with its route's {@link HttpSemantics}: the configured status
 * (204 without a body), {@code Location} and {@code ETag} from response fields, the configured
 * backend metadata under its own names, and 304 for a GET or HEAD whose {@code If-None-Match}
 * names the response's entity tag (RFC 9110 section 13.1.2, weak comparison).
 *
 * <p>Stateless; runs on the exchange's IO thread.
 */
final class SuccessResponse {
  private SuccessResponse() {}

  static void send(HttpServerExchange exchange, HttpSemantics semantics, byte[] response,
      RenderedBody body, Metadata headers, Metadata trailers) {
    if (semantics == HttpSemantics.PLAIN) {
      Responses.body(exchange, body);
      return;
    }
    HeaderMap out = exchange.getResponseHeaders();
    for (String name : semantics.responseHeaders()) {
      copy(headers, name, out);
      copy(trailers, name, out);
    }
    semantics.location(response).ifPresent(l -> out.put(Headers.LOCATION, l));
    Optional<String> etag = semantics.etag(response);
    etag.ifPresent(tag -> out.put(Headers.ETAG, tag));
    if (etag.isPresent() && notModified(exchange, etag.get())) {
      exchange.setStatusCode(StatusCodes.NOT_MODIFIED);
      exchange.endExchange();
      return;
    }
    if (semantics.status() == StatusCodes.NO_CONTENT) {
      exchange.setStatusCode(StatusCodes.NO_CONTENT);
      exchange.endExchange();
      return;
    }
    Responses.body(exchange, semantics.status(), body);
  }

  private static boolean notModified(HttpServerExchange exchange, String quoted) {
    HttpString method = exchange.getRequestMethod();
    String ifNoneMatch = exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH);
    if (ifNoneMatch == null || !(method.equals(Methods.GET) || method.equals(Methods.HEAD))) {
      return false;
    }
    boolean weak = quoted.startsWith("W/");
    String bare = quoted.substring(weak ? 3 : 1, quoted.length() - 1);
    // false means "a listed tag matched" (Undertow's If-None-Match check).
    return !ETagUtils.handleIfNoneMatch(ifNoneMatch, new ETag(weak, bare), true);
  }

  private static void copy(Metadata metadata, String name, HeaderMap out) {
    if (metadata == null || name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
      return;
    }
    Iterable<String> values = metadata.getAll(
        Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    if (values != null) {
      for (String value : values) {
        if (HeaderMapping.printableAscii(value)) {
          out.add(new HttpString(name), value);
        }
      }
    }
  }
}
