/**
 * TLS on the public listener: PEM loading, a key manager that reloads its certificate without
 * touching open connections, and the protocol and cipher policy.
 *
 * <p>Non-null by default: parameters, fields and return values are never null unless marked.
 */
package dev.gangway.gateway.tls;
