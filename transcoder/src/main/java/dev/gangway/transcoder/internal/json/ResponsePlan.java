package dev.gangway.transcoder.internal.json;

import com.google.api.HttpBody;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.rpc.Code;
import dev.gangway.transcoder.errors.StatusMapping;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.internal.routing.InvalidRuleException;
import dev.gangway.transcoder.render.RenderedBody;
import dev.gangway.transcoder.internal.codec.CodecException;
import dev.gangway.transcoder.internal.codec.CompiledCodec;
import dev.gangway.transcoder.internal.codec.MessageSchema;
import java.util.Locale;
import java.util.Objects;

/**
 * How one binding turns a method's protobuf response into its HTTP body: the whole message or
 * the {@code response_body} field as proto3 JSON, or the raw bytes of a
 * {@code google.api.HttpBody}.
 *
 * <p>Immutable and thread-safe. {@link #compile} resolves the field and the compiled codec schema
 * once; {@link #render} prints straight from the wire bytes (no message is built).
 *
 * <pre>{@code
 * ResponsePlan plan = ResponsePlan.compile(binding.method(), binding.responseBody(), codec);
 * RenderedBody body = plan.render(responseBytes); // per request
 * }</pre>
 */
public final class ResponsePlan {
  private static final String HTTP_BODY = HttpBody.getDescriptor().getFullName();

  private final BodyWriter writer;
  private final String notParsed;
  private final String notPrinted;

  private ResponsePlan(Descriptor outputType, BodyWriter writer) {
    this.writer = writer;
    this.notParsed = "response is not a valid " + outputType.getFullName();
    this.notPrinted = "response " + outputType.getFullName() + " cannot be written as JSON";
  }

  /**
   * Compiles the plan for {@code method}'s output type.
   *
   * @param responseBody the rule's {@code response_body}: empty for the whole message, else the
   *     name of a top-level field of the output type
   * @throws InvalidRuleException if {@code responseBody} names no top-level field
   */
  public static ResponsePlan compile(MethodDescriptor method, String responseBody, JsonCodec codec)
      throws InvalidRuleException {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(responseBody, "responseBody");
    Objects.requireNonNull(codec, "codec");
    Descriptor output = method.getOutputType();
    if (responseBody.isEmpty()) {
      BodyWriter whole =
          isHttpBody(output)
              ? new BodyWriter.HttpBodyMessage(
                  contentTypeOf(output).getNumber(), dataOf(output).getNumber())
              : new BodyWriter.WholeMessage(codec.compiled(), codec.compiled().schema(output));
      return new ResponsePlan(output, whole);
    }
    return new ResponsePlan(output, fieldWriter(output, responseBody, codec.compiled()));
  }

  private static BodyWriter fieldWriter(
      Descriptor output, String responseBody, CompiledCodec codec) throws InvalidRuleException {
    FieldDescriptor field = output.findFieldByName(responseBody);
    if (field == null) {
      // http.proto: "The referred field must be present at the top-level of the response".
      String hint = responseBody.indexOf('.') >= 0 ? " (only top-level fields may be named)" : "";
      throw new InvalidRuleException(
          "response_body \"" + responseBody + "\": no such field in " + output.getFullName()
              + hint);
    }
    boolean message =
        !field.isRepeated() && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
    if (message && isHttpBody(field.getMessageType())) {
      Descriptor type = field.getMessageType();
      return new BodyWriter.HttpBodyField(
          field.getNumber(), contentTypeOf(type).getNumber(), dataOf(type).getNumber());
    }
    MessageSchema schema = codec.schema(output);
    try {
      return message
          ? BodyWriter.MessageField.compile(codec, schema, codec.field(field))
          : BodyWriter.ValueField.compile(codec, schema, codec.field(field));
    } catch (CodecException | RuntimeException e) {
      throw new InvalidRuleException(
          "response_body \"" + responseBody + "\": its default value cannot be written as JSON");
    }
  }

  /**
   * Whether responses are the raw bytes of a {@code google.api.HttpBody} (the output type or the
   * {@code response_body} field) rather than JSON; decided when the plan was compiled.
   */
  public boolean rawBytes() {
    return writer instanceof BodyWriter.HttpBodyMessage
        || writer instanceof BodyWriter.HttpBodyField;
  }

  /**
   * The HTTP body for one response.
   *
   * @param responseProtobuf the response message as the backend sent it (protobuf wire format)
   * @throws TranscodingException 500 INTERNAL if the bytes are not a valid response message or it
   *     cannot be printed (for example it holds an {@code Any} of a type the snapshot lacks)
   */
  public RenderedBody render(byte[] responseProtobuf) throws TranscodingException {
    Objects.requireNonNull(responseProtobuf, "responseProtobuf");
    try {
      return writer.write(responseProtobuf);
    } catch (CodecException e) {
      throw internal(e.malformedWire() ? notParsed : notPrinted);
    } catch (RuntimeException e) {
      // A response must become a 500, never an exception escaping to the server's I/O thread.
      throw internal(notPrinted);
    }
  }

  private static TranscodingException internal(String message) {
    return new TranscodingException(
        Code.INTERNAL, StatusMapping.httpStatus(Code.INTERNAL), message);
  }

  private static boolean isHttpBody(Descriptor type) {
    return type.getFullName().equals(HTTP_BODY);
  }

  // The snapshot's own copy of HttpBody may be a different Descriptor than the generated one, so
  // its fields are resolved by the numbers the spec fixes.
  private static FieldDescriptor contentTypeOf(Descriptor httpBody) throws InvalidRuleException {
    return httpBodyField(httpBody, HttpBody.CONTENT_TYPE_FIELD_NUMBER, FieldDescriptor.Type.STRING);
  }

  private static FieldDescriptor dataOf(Descriptor httpBody) throws InvalidRuleException {
    return httpBodyField(httpBody, HttpBody.DATA_FIELD_NUMBER, FieldDescriptor.Type.BYTES);
  }

  private static FieldDescriptor httpBodyField(
      Descriptor httpBody, int number, FieldDescriptor.Type type) throws InvalidRuleException {
    FieldDescriptor field = httpBody.findFieldByNumber(number);
    if (field == null || field.isRepeated() || field.getType() != type) {
      throw new InvalidRuleException(
          HTTP_BODY + " field " + number + " is not a singular "
              + type.name().toLowerCase(Locale.ROOT) + " field as in google/api/httpbody.proto");
    }
    return field;
  }
}
