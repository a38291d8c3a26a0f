/**
 * The errors the gateway makes and the one place that writes every response: {@link
 * dev.gangway.gateway.errors.Responses}.
 *
 * <p>Everything is non-null unless its Javadoc says otherwise.
 */
package dev.gangway.gateway.errors;
