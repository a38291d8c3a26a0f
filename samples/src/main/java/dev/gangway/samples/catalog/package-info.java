/**
 * The Catalog sample: read-only products ({@link dev.gangway.samples.catalog.CatalogService}).
 *
 * <p>Immutable and thread-safe; parameters and return values are non-null.
 */
package dev.gangway.samples.catalog;
