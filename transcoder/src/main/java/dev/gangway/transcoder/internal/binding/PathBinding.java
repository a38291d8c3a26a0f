package dev.gangway.transcoder.internal.binding;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.options.TranscoderOptions.PathBodyConflict;
import dev.gangway.transcoder.internal.codec.WireAssembler;
import dev.gangway.transcoder.internal.codec.WireMessage;
import java.util.List;

/**
 * One path variable's step: which raw segments it spans, how they decode, and the resolved field
 * chain and parser that put the value into the request.
 *
 * <p>Immutable and thread-safe; built by {@link BindingPlanCompiler}.
 */
final class PathBinding {
  private final String variable;
  private final String fieldPath;
  private final FieldDescriptor[] chain;
  private final List<FieldDescriptor> chainList;
  private final ScalarParser parser;
  private final SegmentSpan span;
  private final PercentDecoder.Mode mode;
  private final String label;

  PathBinding(
      String variable,
      String fieldPath,
      List<FieldDescriptor> chain,
      ScalarParser parser,
      SegmentSpan span,
      boolean multiSegment) {
    this.variable = variable;
    this.fieldPath = fieldPath;
    this.chain = chain.toArray(new FieldDescriptor[0]);
    this.chainList = List.copyOf(chain);
    this.parser = parser;
    this.span = span;
    this.mode = multiSegment ? PercentDecoder.Mode.MULTI_SEGMENT : PercentDecoder.Mode.SEGMENT;
    this.label = "path variable " + variable;
  }

  /** The variable as written in the template, e.g. {@code {name=shelves/*}}. */
  String variable() {
    return variable;
  }

  /** The dotted field path it binds, e.g. {@code book.name}. */
  String fieldPath() {
    return fieldPath;
  }

  /** The resolved fields from the request message down to the bound field. */
  List<FieldDescriptor> chain() {
    return chainList;
  }

  boolean multiSegment() {
    return mode == PercentDecoder.Mode.MULTI_SEGMENT;
  }

  /**
   * Decodes the variable's segments, parses them for the field type and writes the field after
   * the body and query, so its value replaces theirs (the default, {@link PathBodyConflict#PATH_WINS}).
   */
  void apply(WireAssembler request, List<String> segments) throws TranscodingException {
    request.set(chainList, parse(segments).value());
  }

  private record Parsed(String text, Object value) {}

  private Parsed parse(List<String> segments) throws TranscodingException {
    String text = PercentDecoder.decode(span.text(segments), mode, label);
    try {
      return new Parsed(text, parser.parse(text));
    } catch (InvalidValueException e) {
      throw TranscodingException.invalidArgument(label + ": " + e.getMessage());
    }
  }

  /**
   * Like {@link #apply(WireAssembler, List)}, but into a message built from the body and query,
   * refusing a value that differs from theirs ({@link PathBodyConflict#REJECT_DIFFERENT}, which
   * must compare field values).
   */
  void applyChecked(Message.Builder request, List<String> segments, PathBodyConflict conflict)
      throws TranscodingException {
    Parsed parsed = parse(segments);
    String text = parsed.text();
    Object value = parsed.value();
    if (value instanceof WireMessage wire) {
      try {
        value = DynamicMessage.parseFrom(chain[chain.length - 1].getMessageType(), wire.bytes());
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("a parsed path value is always a valid message", e);
      }
    }
    boolean reject = conflict == PathBodyConflict.REJECT_DIFFERENT;
    Message.Builder container = request;
    for (int i = 0; i < chain.length - 1; i++) {
      if (reject) {
        checkNoRival(container, chain[i], text);
      }
      container = FieldAccess.child(container, chain[i]);
    }
    FieldDescriptor leaf = chain[chain.length - 1];
    if (reject) {
      checkNoRival(container, leaf, text);
      if (FieldAccess.isSet(container, leaf) && !container.getField(leaf).equals(value)) {
        throw TranscodingException.invalidArgument(
            "field " + fieldPath + ": path value " + Quoting.quote(text)
                + " differs from body value " + FieldAccess.display(container.getField(leaf)));
      }
    }
    container.setField(leaf, value);
  }

  private void checkNoRival(Message.Builder container, FieldDescriptor field, String text)
      throws TranscodingException {
    FieldDescriptor rival = FieldAccess.oneofRival(container, field);
    if (rival != null) {
      throw TranscodingException.invalidArgument(
          "field " + fieldPath + ": path value " + Quoting.quote(text)
              + " conflicts with body field " + rival.getName() + " of the same oneof "
              + rival.getRealContainingOneof().getName());
    }
  }
}
