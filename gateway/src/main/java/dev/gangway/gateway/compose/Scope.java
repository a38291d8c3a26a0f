package dev.gangway.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a template is evaluated against: the request's inputs, the results so far (indexed by
 * call), the current for_each element and, for the response, the names of the missing parts.
 *
 * <p>Not thread-safe: a view of one run's state, used on its thread.
 *
 * @param results by call index; null where a call has no result (not done, failed or skipped)
 * @param item the for_each element, or null outside a for_each call
 * @param partial the missing parts, or null before the response is rendered
 */
record Scope(RequestInputs inputs, JsonNode[] results, JsonNode item, List<String> partial) {}
