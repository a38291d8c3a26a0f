package dev.gangway.transcoder.internal.binding;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.gangway.transcoder.internal.codec.WireAssembler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills an absent {@code update_mask} from the keys of a PATCH body (grpc-gateway's "patch
 * feature", on by default there too): {@code PATCH /v1/{book.name=...}} with body
 * {@code {"title":"x","author":{"name":"y"}}} and no {@code update_mask} in the query binds
 * {@code update_mask {paths: "title" paths: "author.name"}}. Paths are relative to the body field
 * (AIP-134: the resource), in proto names; a nested object of a message field adds its own keys,
 * anything else (a scalar, an array, a map, a well-known type, {@code null}) is one path.
 *
 * <p>Immutable and thread-safe; compiled once per binding (a PATCH whose {@code body} is a message
 * field and whose request has a {@code google.protobuf.FieldMask update_mask}).
 */
final class UpdateMaskFill {
  private static final JsonFactory JSON = new JsonFactory();
  static final String FIELD = "update_mask";

  private final FieldDescriptor mask;
  private final Descriptor bodyType;
  /** Per message type: every accepted key spelling (JSON name and proto name) to its field. */
  private final Map<Descriptor, Map<String, FieldDescriptor>> names;

  private UpdateMaskFill(FieldDescriptor mask, Descriptor bodyType) {
    this.mask = mask;
    this.bodyType = bodyType;
    Map<Descriptor, Map<String, FieldDescriptor>> all = new HashMap<>();
    index(bodyType, all);
    this.names = Map.copyOf(all);
  }

  /**
   * The fill for a binding, or null when it does not apply: not a PATCH, a body that is not one
   * message field, or no {@code FieldMask update_mask} in the request.
   */
  static UpdateMaskFill forBinding(String httpMethod, Descriptor request, BodyMapping body) {
    if (!httpMethod.equals("PATCH") || !(body instanceof BodyMapping.Field f)
        || f.field().getJavaType() != FieldDescriptor.JavaType.MESSAGE || f.field().isRepeated()) {
      return null;
    }
    FieldDescriptor mask = request.findFieldByName(FIELD);
    if (mask == null || mask.isRepeated() || mask.getJavaType() != FieldDescriptor.JavaType.MESSAGE
        || !mask.getMessageType().getFullName().equals("google.protobuf.FieldMask")) {
      return null;
    }
    return new UpdateMaskFill(mask, f.field().getMessageType());
  }

  private static void index(Descriptor type, Map<Descriptor, Map<String, FieldDescriptor>> all) {
    if (all.containsKey(type)) {
      return;
    }
    Map<String, FieldDescriptor> byName = new HashMap<>();
    all.put(type, byName);
    for (FieldDescriptor field : type.getFields()) {
      byName.put(field.getJsonName(), field);
      byName.put(field.getName(), field);
      if (walksInto(field)) {
        index(field.getMessageType(), all);
      }
    }
  }

  /** A singular message of the API's own: its object's keys are paths of their own. */
  private static boolean walksInto(FieldDescriptor field) {
    return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
        && !field.getMessageType().getFullName().startsWith("google.protobuf.");
  }

  FieldDescriptor maskField() {
    return mask;
  }

  /**
   * Writes the mask of {@code body}'s keys. The body has been bound already, so it is one valid
   * JSON object within the JSON limits; keys that name no field (dropped under
   * {@code unknownBodyFields: IGNORE}) add no path.
   */
  void apply(WireAssembler request, byte[] body) {
    List<String> paths = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() == JsonToken.START_OBJECT) {
        keys(parser, bodyType, "", paths);
      }
    } catch (IOException e) {
      throw new IllegalStateException("a body that bound as JSON no longer parses", e);
    }
    request.set(List.of(mask), WireAssembler.fieldMask(paths));
  }

  private void keys(JsonParser parser, Descriptor type, String prefix, List<String> paths)
      throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      FieldDescriptor field = names.get(type).get(parser.currentName());
      JsonToken value = parser.nextToken();
      if (field == null) {
        parser.skipChildren();
      } else if (value == JsonToken.START_OBJECT && walksInto(field)) {
        keys(parser, field.getMessageType(), prefix + field.getName() + ".", paths);
      } else {
        parser.skipChildren();
        paths.add(prefix + field.getName());
      }
    }
  }
}
