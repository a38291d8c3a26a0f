/**
 * The Bookstore sample: shelves and books in an in-memory store behind the generated
 * {@code Bookstore} gRPC service ({@link dev.gangway.samples.bookstore.BookstoreService}).
 *
 * <p>Parameters and return values are non-null. The repository is thread-safe; the request
 * helpers are stateless.
 */
package dev.gangway.samples.bookstore;
