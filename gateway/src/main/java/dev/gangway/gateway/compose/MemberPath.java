package dev.gangway.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A field path resolved at load against a message type, as the JSON member names the printer
 * writes, with the JSON value to use when the last field is absent from the printed message (the
 * printer leaves out fields that hold their default value).
 *
 * <p>Immutable.
 *
 * @param members JSON member names from the root; empty for the whole value
 * @param absent the value of an absent last field: 0, "", false, [], {} or the first enum value;
 *     null for fields with presence (messages, optional, oneof members)
 */
record MemberPath(List<String> members, JsonNode absent) {
  static final MemberPath WHOLE = new MemberPath(List.of(), null);

  MemberPath {
    members = List.copyOf(members);
  }

  /** The value at this path in {@code root}; null when root or a message on the way is absent. */
  JsonNode get(JsonNode root) {
    JsonNode node = root;
    for (int i = 0; i < members.size(); i++) {
      if (node == null || !node.isObject()) {
        return null;
      }
      JsonNode next = node.get(members.get(i));
      if (next == null || next.isNull()) {
        return i == members.size() - 1 ? absent : null;
      }
      node = next;
    }
    return node;
  }
}
