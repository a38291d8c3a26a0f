/**
 * Composite routes: one HTTP request answered by several gRPC calls run in parallel, their results
 * composed into one JSON response (docs/composition.md).
 *
 * <p>Two phases. {@link dev.gangway.gateway.compose.CompositeCompiler} turns the configured
 * composites into immutable {@link dev.gangway.gateway.compose.CompositePlan}s when a snapshot is
 * built (references resolved to field paths, the call graph checked for cycles, route conflicts
 * found). Per request, a {@link dev.gangway.gateway.compose.CompositeRun} holds the small mutable
 * state (results by call, calls in flight) and starts each call as soon as its inputs are there;
 * it is confined to the exchange's IO thread, where every gRPC callback is delivered.
 *
 * <p>Non-null by default: parameters, fields and return values are never null unless marked.
 */
package dev.gangway.gateway.compose;
