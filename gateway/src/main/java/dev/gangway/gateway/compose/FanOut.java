package dev.gangway.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;

/**
 * The progress of one for_each call: its elements, the results so far (in element order, null
 * until an element's call answers), the next element to start and how many have answered.
 *
 * <p>Not thread-safe: confined with its run.
 */
final class FanOut {
  final List<JsonNode> elements;
  final ArrayNode results;
  int next;
  int done;

  FanOut(List<JsonNode> elements) {
    this.elements = List.copyOf(elements);
    this.results = JsonNodeFactory.instance.arrayNode(elements.size());
    elements.forEach(e -> results.addNull());
  }

  boolean hasNext() {
    return next < elements.size();
  }

  boolean complete() {
    return done == elements.size();
  }
}
