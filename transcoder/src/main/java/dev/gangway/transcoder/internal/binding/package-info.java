/**
 * Internal: per-route request binding, used by the {@link dev.gangway.transcoder.Transcoder} facade
 * and by the gateway; not part of the library's API (see docs/library.md).
 * {@link BindingPlanCompiler} turns one {@link dev.gangway.transcoder.routing.HttpBinding} into an
 * immutable {@link BindingPlan} that fills the request message from the path variables, the query
 * string and the body.
 *
 * <p>Everything is non-null unless its Javadoc says otherwise. Setup code (the compiler) may look
 * descriptors up by name; the plan's request path never does, and uses no regular expressions.
 */
package dev.gangway.transcoder.internal.binding;
