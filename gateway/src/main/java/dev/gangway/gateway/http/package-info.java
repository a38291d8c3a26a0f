/**
 * The HTTP front end: Undertow handlers, one concern each, assembled by
 * {@link dev.gangway.gateway.http.GatewayHandlers}. A request reads the current snapshot once,
 * is matched, has its body received asynchronously, is bound to protobuf bytes and leaves as an
 * async gRPC call whose callbacks complete the exchange. No handler blocks an IO thread.
 *
 * <p>Non-null by default: parameters, fields and return values are never null unless marked.
 */
package dev.gangway.gateway.http;
