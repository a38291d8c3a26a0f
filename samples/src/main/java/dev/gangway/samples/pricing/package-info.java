/**
 * The Pricing sample: product prices in USD, EUR and GBP
 * ({@link dev.gangway.samples.pricing.PricingService}).
 *
 * <p>Immutable and thread-safe; parameters and return values are non-null.
 */
package dev.gangway.samples.pricing;
