package dev.gangway.gateway.openapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gangway.gateway.compose.CallPlan;
import dev.gangway.gateway.compose.CompositePlan;
import dev.gangway.gateway.compose.CompositeRoutes;
import dev.gangway.gateway.compose.CompositeSchemas;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.OpenApiConfig;
import dev.gangway.gateway.routing.HttpSemantics;
import dev.gangway.gateway.routing.Published;
import dev.gangway.gateway.routing.PublishedFile;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.openapi.OpenApiBuilder;
import dev.gangway.transcoder.openapi.OpenApiDocument;
import dev.gangway.transcoder.openapi.OpenApiInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the OpenAPI documents of one snapshot ({@code openapi} config section): every served
 * binding of the described services, the composites with their response shapes, the security
 * schemes of the {@code auth} providers and each route's requirement from {@code access}, each
 * method's HTTP semantics from its {@code routes} entry (status, headers, conditionals); written
 * once as JSON and as YAML, each compressed as it is written ({@link PublishedFile}: the whole
 * googleapis corpus's documents would otherwise keep 200 MB of heap). A reload builds them anew
 * with the rest of the snapshot; requests only send the bytes.
 *
 * <p>Stateless; setup code.
 */
public final class OpenApiDocuments {
  static final String JSON_TYPE = "application/json";
  static final String YAML_TYPE = "application/yaml";
  private static final JsonFactory JSON = new JsonFactory();
  private static final YAMLFactory YAML = new YAMLFactory();

  private OpenApiDocuments() {}

  /**
   * The JSON and YAML documents and the docs page, or nothing when {@code openapi.enabled} is
   * false.
   *
   * @param semantics the compiled {@code routes} entries by gRPC method full name
   */
  public static Published compile(GatewayConfig config, Transcoder transcoder,
      CompositeRoutes composites, Map<String, HttpSemantics> semantics) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(transcoder, "transcoder");
    Objects.requireNonNull(composites, "composites");
    Objects.requireNonNull(semantics, "semantics");
    OpenApiConfig settings = config.openApi();
    if (!settings.enabled()) {
      return Published.NONE;
    }
    List<PublishedFile> files = new ArrayList<>(
        write(document(config, transcoder, composites, semantics), settings));
    if (!settings.docs()) {
      return new Published(files, List.of());
    }
    files.addAll(DocsPage.files(settings));
    return new Published(files, List.of(DocsPage.assets(settings)));
  }

  static OpenApiDocument document(GatewayConfig config, Transcoder transcoder,
      CompositeRoutes composites, Map<String, HttpSemantics> semantics) {
    OpenApiConfig settings = config.openApi();
    OpenApiBuilder builder = OpenApiBuilder.create(
        new OpenApiInfo(settings.title(), settings.version(), settings.description()),
        transcoder.descriptors().comments(), transcoder.options());
    SecuritySchemes.of(config.auth()).forEach(builder::addSecurityScheme);
    for (MethodRoute route : transcoder.routes()) {
      if (settings.describes(route.method().getService().getFullName())) {
        String method = route.method().getFullName();
        builder.addBinding(route.binding(), SecuritySchemes.requirements(
            config.access().ruleFor(method).require()),
            semantics.getOrDefault(method, HttpSemantics.PLAIN).facts());
      }
    }
    if (settings.composites()) {
      for (CompositePlan plan : composites.plans()) {
        builder.addOperation(plan.httpMethod(), plan.template(), "composites",
            composite(plan, builder), SecuritySchemes.requirements(
                config.access().ruleFor("composite:" + plan.name()).require()));
      }
    }
    return builder.build();
  }

  private static Map<String, Object> composite(CompositePlan plan, OpenApiBuilder builder) {
    Map<String, Object> ok = new LinkedHashMap<>();
    ok.put("description", "The composed response.");
    ok.put("content", Map.of(JSON_TYPE, Map.of("schema", CompositeSchemas.response(plan, builder))));
    Map<String, Object> operation = new LinkedHashMap<>();
    operation.put("operationId", "composite_" + plan.name());
    operation.put("summary", "Composite " + plan.name());
    operation.put("description", "Composes "
        + String.join(", ", plan.calls().stream()
            .map(c -> "`" + c.name() + "` (" + c.grpcMethodName() + ")").toList())
        + " into one response (docs/composition.md).");
    operation.put("responses", Map.of("200", ok));
    operation.put("x-gangway-composite", plan.name());
    operation.put("x-gangway-calls", plan.calls().stream().map(CallPlan::grpcMethodName).toList());
    return operation;
  }

  /** Both documents, written in one pass (each operation is made once), compressed. */
  private static List<PublishedFile> write(OpenApiDocument document, OpenApiConfig settings) {
    PublishedFile.Writer json = PublishedFile.writer(settings.jsonPath(), JSON_TYPE);
    PublishedFile.Writer yaml = PublishedFile.writer(settings.yamlPath(), YAML_TYPE);
    try (JsonGenerator jsonOut = JSON.createGenerator(json.stream()).useDefaultPrettyPrinter();
        JsonGenerator yamlOut = YAML.createGenerator(yaml.stream())) {
      document.writeTo(List.of(jsonOut, yamlOut));
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory", e);
    }
    return List.of(json.finish(), yaml.finish());
  }
}
