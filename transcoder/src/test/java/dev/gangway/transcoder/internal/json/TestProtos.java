package dev.gangway.transcoder.internal.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.api.HttpBody;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import com.google.protobuf.TypeRegistry;
import dev.gangway.test.kitchen.KitchenOuterClass;
import dev.gangway.test.library.LibraryOuterClass;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.options.TranscoderOptions.JsonFieldNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Test fixtures shared by the json and errors tests: the test protos, codecs, case files. */
public final class TestProtos {
  /** Strict: a second value after the first is an error, not ignored. */
  public static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final List<FileDescriptor> FILES =
      List.of(KitchenOuterClass.getDescriptor(), LibraryOuterClass.getDescriptor());

  /** Every message type of the kitchen and library protos (the snapshot's types in tests). */
  public static final TypeRegistry TYPES = registry();

  private TestProtos() {}

  private static TypeRegistry registry() {
    TypeRegistry.Builder types = TypeRegistry.newBuilder();
    FILES.forEach(f -> types.add(f.getMessageTypes()));
    return types.add(HttpBody.getDescriptor()).build();
  }

  public static JsonCodec codec(TranscoderOptions options) {
    return new JsonCodec(TYPES, options);
  }

  /** Options from a YAML/JSON map such as {@code {jsonFieldNames: PROTO_NAME}}; null = default. */
  public static TranscoderOptions options(JsonNode node) {
    TranscoderOptions.Builder options = TranscoderOptions.builder();
    if (node == null) {
      return options.build();
    }
    node.fieldNames()
        .forEachRemaining(
            name -> {
              JsonNode value = node.get(name);
              switch (name) {
                case "jsonFieldNames" ->
                    options.jsonFieldNames(JsonFieldNames.valueOf(value.asText()));
                case "emitDefaultValues" -> options.emitDefaultValues(value.asBoolean());
                case "enumsAsNumbers" -> options.enumsAsNumbers(value.asBoolean());
                default -> throw new IllegalArgumentException("unknown option " + name);
              }
            });
    return options.build();
  }

  /** A method by full name, e.g. {@code gangway.test.kitchen.Kitchen.EchoResponseBody}. */
  public static MethodDescriptor method(String fullName) {
    for (FileDescriptor file : FILES) {
      for (ServiceDescriptor service : file.getServices()) {
        for (MethodDescriptor method : service.getMethods()) {
          if (method.getFullName().equals(fullName)) {
            return method;
          }
        }
      }
    }
    throw new IllegalArgumentException("no method " + fullName);
  }

  /** A message of {@code type} from protobuf text format ({@code Any} may be expanded). */
  public static Message text(Descriptor type, String text) {
    return text(type, text, TYPES);
  }

  /** Like {@link #text(Descriptor, String)}, expanding {@code Any}s of {@code types}. */
  public static Message text(Descriptor type, String text, TypeRegistry types) {
    DynamicMessage.Builder message = DynamicMessage.newBuilder(type);
    try {
      TextFormat.Parser.newBuilder().setTypeRegistry(types).build().merge(text, message);
    } catch (TextFormat.ParseException e) {
      throw new IllegalArgumentException("bad text for " + type.getFullName() + ": " + text, e);
    }
    return message.build();
  }

  /** The cases of a YAML list under src/test/resources, each an object. */
  public static List<ObjectNode> cases(String resource) {
    try (InputStream in = TestProtos.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      List<ObjectNode> cases = new ArrayList<>();
      YAML.readTree(in).forEach(c -> cases.add((ObjectNode) c));
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON text for a semantic comparison (member order ignored, types kept). */
  public static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }
}
