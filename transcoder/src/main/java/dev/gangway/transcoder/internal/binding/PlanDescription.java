package dev.gangway.transcoder.internal.binding;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link BindingPlan} does, in words, for the admin "explain" output.
 *
 * <p>Immutable.
 *
 * @param rule the binding, e.g. {@code PATCH /v1/{book.name=shelves/* /books/*}}
 * @param inputType the request message's full name
 * @param pathBindings one line per variable: {@code {book.name=shelves/* /books/*} -> book.name
 *     (multi-segment: %2F stays encoded)}
 * @param body what the body maps to, e.g. {@code field book (JSON: the value of that field)}
 * @param queryParameters the top-level query parameters accepted ({@code nested.*} for messages,
 *     {@code tags (repeated)}); empty when none is
 */
public record PlanDescription(
    String rule,
    String inputType,
    List<String> pathBindings,
    String body,
    List<String> queryParameters) {
  public PlanDescription {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(inputType, "inputType");
    pathBindings = List.copyOf(pathBindings);
    Objects.requireNonNull(body, "body");
    queryParameters = List.copyOf(queryParameters);
  }
}
