/**
 * The Diagnostics sample: methods that report what the backend saw (metadata, cancellation,
 * which instance answered), fail on request and stream, for the gateway's end-to-end tests
 * ({@link dev.gangway.samples.diagnostics.DiagnosticsService},
 * {@link dev.gangway.samples.diagnostics.DiagnosticsProbe}).
 *
 * <p>Thread-safe; parameters and return values are non-null.
 */
package dev.gangway.samples.diagnostics;
