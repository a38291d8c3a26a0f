/**
 * Who is calling: JWT bearer tokens (keys from JWKS files or HTTPS URLs), API keys (stored as
 * hashes) and verified client certificates, checked against per-route requirements
 * (any-of / all-of of providers, scopes and claims). Setup types ({@link
 * dev.gangway.gateway.auth.AccessCompiler}, {@link dev.gangway.gateway.auth.JwksRegistry}) build
 * immutable serve types ({@link dev.gangway.gateway.auth.AccessPolicy}, the authenticators);
 * nothing here blocks a request thread: a JWKS fetch is asynchronous and a request that needs
 * one waits for it without holding a thread.
 *
 * <p>Non-null by default: parameters, fields and return values are never null unless marked.
 */
package dev.gangway.gateway.auth;
