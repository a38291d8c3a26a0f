/**
 * The Reviews sample: product reviews and seller profiles
 * ({@link dev.gangway.samples.reviews.ReviewsService}).
 *
 * <p>Immutable and thread-safe; parameters and return values are non-null.
 */
package dev.gangway.samples.reviews;
