package dev.gangway.transcoder.internal.binding;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.gangway.transcoder.internal.codec.WireAssembler;
import dev.gangway.transcoder.routing.HttpBinding;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fills an absent {@code update_mask} from the keys of a PATCH body, as grpc-gateway's "patch
 * feature" does ({@code runtime.FieldMaskFromRequestBody}): {@code PATCH /v1/{book.name=...}}
 * with {@code body: "book"}, body {@code {"title":"x","author":{"name":"y"}}} and no mask in the
 * query binds {@code update_mask {paths: "title" paths: "author.name"}}.
 *
 * <p>The paths are the body's keys and nothing else: what the path binds is not added (it is not
 * in the body), and a key the body does send is kept even when the path overrides its value. They
 * are relative to the body field (AIP-134: the resource) and spelled with proto field names
 * whichever spelling the key used. An object that is the value of a singular message field adds
 * its own keys ({@code author.name}); any other value (a scalar, an array, {@code null}, a map, a
 * well-known type such as a Timestamp or Struct) is one path. Keys are listed once, in body order;
 * keys that name no field (dropped under {@code unknownBodyFields: IGNORE}) add none; a body
 * without keys ({@code {}}) leaves the mask unset.
 *
 * <p>Immutable and thread-safe; compiled once per binding, and only for a PATCH whose
 * {@code body} is one singular message field (not a well-known type) of a request with a
 * {@code google.protobuf.FieldMask update_mask}. Under {@code body: "*"} the mask is a body field
 * the client may send itself, and grpc-gateway fills nothing there either.
 */
final class UpdateMaskFill {
  private static final String WELL_KNOWN = "google.protobuf.";

  private final FieldDescriptor mask;
  private final Descriptor bodyType;
  /** The codec's factory: the same read limits as the bind that already accepted the body. */
  private final JsonFactory json;
  /** Per message type: every accepted key spelling (JSON name and proto name) to its field. */
  private final Map<Descriptor, Map<String, FieldDescriptor>> names;

  private UpdateMaskFill(FieldDescriptor mask, Descriptor bodyType, JsonFactory json) {
    this.mask = mask;
    this.bodyType = bodyType;
    this.json = json;
    Map<Descriptor, Map<String, FieldDescriptor>> all = new HashMap<>();
    index(bodyType, all);
    this.names = Map.copyOf(all);
  }

  /**
   * The fill for a binding, or null when it does not apply ({@link
   * HttpBinding#filledUpdateMask()} says when it does).
   */
  static UpdateMaskFill forBinding(HttpBinding binding, BodyMapping body) {
    Optional<FieldDescriptor> mask = binding.filledUpdateMask();
    if (mask.isEmpty() || !(body instanceof BodyMapping.Field f)) {
      return null;
    }
    return new UpdateMaskFill(mask.get(), f.field().getMessageType(), f.json().codec().factory());
  }

  private static void index(Descriptor type, Map<Descriptor, Map<String, FieldDescriptor>> all) {
    if (all.containsKey(type)) {
      return;
    }
    Map<String, FieldDescriptor> byName = new HashMap<>();
    all.put(type, byName);
    for (FieldDescriptor field : type.getFields()) {
      byName.put(field.getJsonName(), field);
      byName.put(field.getName(), field); // the proto name wins a clash, as in the codec
    }
    for (FieldDescriptor field : type.getFields()) {
      if (walksInto(field)) {
        index(field.getMessageType(), all);
      }
    }
  }

  /**
   * A singular message of the API's own: its object's keys are paths of their own. A map is
   * repeated, so it stays one path; a well-known type has a JSON form of its own, not fields.
   */
  private static boolean walksInto(FieldDescriptor field) {
    return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
        && !field.getMessageType().getFullName().startsWith(WELL_KNOWN);
  }

  FieldDescriptor maskField() {
    return mask;
  }

  /**
   * Writes the mask of {@code body}'s keys, unless it has none. The body has been bound already
   * by the same JSON factory, so it is one valid JSON value within the JSON limits.
   */
  void apply(WireAssembler request, byte[] body) {
    Set<String> paths = new LinkedHashSet<>();
    try (JsonParser parser = json.createParser(body)) {
      if (parser.nextToken() == JsonToken.START_OBJECT) {
        keys(parser, bodyType, "", paths);
      }
    } catch (IOException e) {
      throw new IllegalStateException("a body that bound as JSON no longer parses", e);
    }
    if (!paths.isEmpty()) {
      request.set(List.of(mask), WireAssembler.fieldMask(List.copyOf(paths)));
    }
  }

  private void keys(JsonParser parser, Descriptor type, String prefix, Set<String> paths)
      throws IOException {
    Map<String, FieldDescriptor> byName = names.get(type);
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      FieldDescriptor field = byName.get(parser.currentName());
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
