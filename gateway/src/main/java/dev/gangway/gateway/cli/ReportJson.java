package dev.gangway.gateway.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.gangway.gateway.cli.ValidationReport.Row;
import dev.gangway.gateway.problems.Problem;
import dev.gangway.gateway.problems.ProblemKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

/**
 * {@code gangway validate --format json}: one JSON object for scripts and CI.
 *
 * <pre>
 * {"summary":{"routes":3,"problems":1,"by_kind":{"no_backend":1}},
 *  "problems":[{"kind":"no_backend","message":"gangway.other.Pings: no backend ..."}],
 *  "routes":[{"http_method":"POST","template":"/gangway.other.Pings/Ping",
 *             "grpc_method":"gangway.other.Pings/Ping","backend":"(no backend)"}]}
 * </pre>
 *
 * <p>Stateless. {@code routes} is left out with {@code --problems-only}. Written by a streaming
 * generator, so a big API's report is not built in memory twice.
 */
final class ReportJson {
  /** Leaves the writer open: the command owns it. */
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private ReportJson() {}

  static void print(ValidationReport report, boolean problemsOnly, PrintWriter out)
      throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeObjectFieldStart("summary");
      json.writeNumberField("routes", report.routes().size());
      json.writeNumberField("problems", report.problems().size());
      json.writeObjectFieldStart("by_kind");
      for (Map.Entry<ProblemKind, Long> e : report.counts().byKind().entrySet()) {
        json.writeNumberField(e.getKey().key(), e.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
      json.writeArrayFieldStart("problems");
      for (Problem p : report.problems()) {
        json.writeStartObject();
        json.writeStringField("kind", p.kind().key());
        json.writeStringField("message", p.text());
        json.writeEndObject();
      }
      json.writeEndArray();
      if (!problemsOnly) {
        json.writeArrayFieldStart("routes");
        for (Row row : report.routes()) {
          json.writeStartObject();
          json.writeStringField("http_method", row.httpMethod());
          json.writeStringField("template", row.template());
          json.writeStringField("grpc_method", row.grpcMethod());
          json.writeStringField("backend", row.backend());
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      json.writeEndObject();
    }
    out.println();
    out.flush();
  }
}
