/**
 * Who sent a request: {@link dev.gangway.gateway.client.ClientAddress}, resolved once per request
 * by {@link dev.gangway.gateway.client.ClientAddressResolver} from the TCP peer and, behind
 * {@code server.trusted_proxies}, {@code X-Forwarded-For}. Header forwarding, rate limits per
 * address and the access log all read the one attachment, so they cannot disagree.
 *
 * <p>Non-null by default: parameters, fields and return values are never null unless marked.
 */
package dev.gangway.gateway.client;
