package dev.gangway.transcoder.internal.binding;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.options.TranscoderOptions.PathBodyConflict;
import dev.gangway.transcoder.internal.codec.WireAssembler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one HTTP binding fills its request message: the body step, the query step, then one step
 * per path variable (so the path wins over the body), all resolved at load time.
 *
 * <p>Immutable and thread-safe; built by {@link BindingPlanCompiler} once per binding and shared
 * by every request on that route.
 *
 * <pre>{@code
 * BindingPlan plan = BindingPlanCompiler.compile(binding, options, codec);
 * byte[] grpcPayload = plan.bind(matched.segments(), rawQuery, contentType, body);
 * }</pre>
 */
public final class BindingPlan {
  private final String rule;
  private final Descriptor inputType;
  private final BodyMapping body;
  private final QueryBinder query;
  private final List<PathBinding> path;
  private final PathBodyConflict conflict;
  /** Null unless an absent update_mask is filled from the body's keys. */
  private final UpdateMaskFill maskFill;

  BindingPlan(
      String rule,
      Descriptor inputType,
      BodyMapping body,
      QueryBinder query,
      List<PathBinding> path,
      PathBodyConflict conflict,
      UpdateMaskFill maskFill) {
    this.rule = rule;
    this.inputType = inputType;
    this.body = body;
    this.query = query;
    this.path = List.copyOf(path);
    this.conflict = conflict;
    this.maskFill = maskFill;
  }

  /**
   * Builds the request message's wire bytes: the body's bytes, then the query's fields, then the
   * path's, so that protobuf's merge of concatenated messages lets the path win. No message
   * object is built, except to compare values under {@link PathBodyConflict#REJECT_DIFFERENT}.
   *
   * @param rawSegments the raw matched path segments, verb removed ({@code Matched.segments()})
   * @param rawQuery the raw query string without {@code ?}, or empty
   * @param contentType the Content-Type header, or empty
   * @param body the request body, empty when none; not modified
   * @throws TranscodingException 400 naming the field or parameter that cannot be bound, or 415
   *     for a body whose Content-Type the rule cannot take
   */
  public byte[] bind(List<String> rawSegments, String rawQuery, String contentType, byte[] body)
      throws TranscodingException {
    Objects.requireNonNull(rawSegments, "rawSegments");
    Objects.requireNonNull(rawQuery, "rawQuery");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    byte[] bodyWire = this.body.apply(contentType, body);
    boolean fillMask = maskFill != null && body.length > 0
        && !query.names(rawQuery, maskFill.maskField());
    if (rawQuery.isEmpty() && path.isEmpty() && !fillMask) {
      return bodyWire;
    }
    WireAssembler request = new WireAssembler(bodyWire);
    if (fillMask) {
      maskFill.apply(request, body);
    }
    query.apply(request, rawQuery, bodyWire.length > 0);
    if (conflict == PathBodyConflict.PATH_WINS || path.isEmpty()) {
      for (PathBinding binding : path) {
        binding.apply(request, rawSegments);
      }
      return request.toByteArray();
    }
    return bindChecked(request.toByteArray(), rawSegments);
  }

  /** {@link PathBodyConflict#REJECT_DIFFERENT}: path values are compared with what is set. */
  private byte[] bindChecked(byte[] bodyAndQuery, List<String> rawSegments)
      throws TranscodingException {
    DynamicMessage.Builder request = DynamicMessage.newBuilder(inputType);
    try {
      request.mergeFrom(bodyAndQuery);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("the codec wrote an invalid message", e);
    }
    for (PathBinding binding : path) {
      binding.applyChecked(request, rawSegments, conflict);
    }
    // Partial: proto2 required fields are the backend's to enforce, as JsonFormat leaves them.
    return request.buildPartial().toByteArray();
  }

  /**
   * Whether the body binds as the raw bytes of a {@code google.api.HttpBody} (the request type or
   * the rule's {@code body} field) rather than as JSON; decided when the plan was compiled.
   */
  public boolean rawBody() {
    return body instanceof BodyMapping.HttpBodyWhole || body instanceof BodyMapping.HttpBodyField;
  }

  /** The request message type. */
  public Descriptor inputType() {
    return inputType;
  }

  /**
   * Why a query parameter of this name would be rejected ({@code unknown query parameter
   * "colour"}), or empty when it would be accepted or silently dropped. Values are not checked.
   */
  public Optional<String> queryParameterProblem(String name) {
    return query.problem(Objects.requireNonNull(name, "name"));
  }

  /** The plan in words, for the admin "explain" output. */
  public PlanDescription describe() {
    List<String> variables = new ArrayList<>();
    for (PathBinding b : path) {
      variables.add(b.variable() + " -> " + b.fieldPath()
          + (b.multiSegment() ? " (multi-segment: %2F stays encoded)" : ""));
    }
    return new PlanDescription(
        rule, inputType.getFullName(), variables, body.describe(), query.accepted());
  }

  @Override
  public String toString() {
    return "BindingPlan{" + rule + "}";
  }
}
