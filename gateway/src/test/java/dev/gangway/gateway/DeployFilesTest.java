package dev.gangway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gangway.gateway.config.CliOverrides;
import dev.gangway.gateway.config.ConfigLoader;
import dev.gangway.gateway.config.GatewayConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy files work as shipped: the Kubernetes manifests pass the Kubernetes API schemas
 * (offline, through deploy/kubernetes/validate: kubernetes-models from npm, generated from the
 * Kubernetes OpenAPI spec), agree with the config they mount and with the image, and the
 * Dockerfile runs as a numeric user with a HEALTHCHECK on the configured admin port.
 */
class DeployFilesTest {
  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final Path MANIFESTS = DEPLOY.resolve("kubernetes");
  private static final Path DOCKERFILE = Path.of("..", "Dockerfile");
  /** The validator is installed here (npm ci), outside the source tree. */
  private static final Path VALIDATOR = Path.of("target", "k8s-validator");
  private static final long NPM_MINUTES = 5;
  private static final ObjectMapper YAML = new YAMLMapper();

  @Test
  void manifestsPassTheKubernetesSchemas() throws Exception {
    List<Path> files = manifests();
    List<String> command = new ArrayList<>(List.of("node", "validate.mjs"));
    files.forEach(f -> command.add(f.toAbsolutePath().normalize().toString()));

    Run run = validate(command);

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output().lines().filter(l -> l.endsWith(": valid")).count())
        .as(run.output()).isEqualTo(documents(files).size());
  }

  @Test
  void theValidatorRejectsAManifestThatBreaksTheSchema(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, Files.readString(MANIFESTS.resolve("deployment.yaml"))
        .replace("containerPort: 8080", "containerPort: eighty-eighty"));

    Run run = validate(List.of("node", "validate.mjs", broken.toString()));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output()).contains(
        "Deployment gangway: data/spec/template/spec/containers/0/ports/0/containerPort must be"
            + " integer");
  }

  @Test
  void deploymentMatchesTheMountedConfigAndTheImage(@TempDir Path dir) throws Exception {
    JsonNode configMap = document("configmap.yaml");
    Path file = dir.resolve("gangway.yaml");
    Files.writeString(file, configMap.at("/data/gangway.yaml").asText());
    GatewayConfig config =
        new ConfigLoader(Optional.of(file), CliOverrides.NONE, Map.<String, String>of()::get).load();
    JsonNode pod = document("deployment.yaml").at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");

    long drainAndGrace = config.shutdown().drainDelay().plus(config.shutdown().grace()).toSeconds();
    assertThat(pod.get("terminationGracePeriodSeconds").asLong()).isGreaterThan(drainAndGrace);
    assertThat(port(container, "http")).isEqualTo(config.server().port());
    assertThat(port(container, "admin")).isEqualTo(config.admin().port());
    assertThat(config.admin().bind()).as("probes come from the node").isEqualTo("0.0.0.0");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("admin");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/runAsUser").asLong()).isEqualTo(imageUser());
    assertThat(container.at("/resources/requests/cpu").isMissingNode()).isFalse();
    assertThat(config.descriptors().paths()).containsExactly(Path.of("/app/descriptors"));
    assertThat(volumeMount(container, "descriptors")).isEqualTo("/app/descriptors");
    assertThat(volumeMount(container, "config")).isEqualTo("/etc/gangway");
  }

  @Test
  void serviceBudgetAndAutoscalerSelectTheDeploymentsPods() throws Exception {
    JsonNode labels = document("deployment.yaml").at("/spec/template/metadata/labels");

    assertThat(document("service.yaml").at("/spec/selector")).isEqualTo(labels);
    assertThat(document("poddisruptionbudget.yaml").at("/spec/selector/matchLabels"))
        .isEqualTo(labels);
    assertThat(document("horizontalpodautoscaler.yaml").at("/spec/scaleTargetRef/name").asText())
        .isEqualTo(document("deployment.yaml").at("/metadata/name").asText());
  }

  @Test
  void dockerfileRunsAsANumericUserWithAHealthcheckOnTheConfiguredAdminPort() throws Exception {
    String dockerfile = Files.readString(DOCKERFILE);

    assertThat(dockerfile).doesNotContain("|| true");
    assertThat(instructions(dockerfile, "FROM")).isNotEmpty()
        .allSatisfy(from -> assertThat(from).matches("\\$\\{[A-Z_]+}( AS \\w+)?"));
    assertThat(instructions(dockerfile, "ARG")).contains(
        "BUILD_IMAGE=maven:3.9-eclipse-temurin-17", "RUNTIME_IMAGE=eclipse-temurin:17-jre");
    assertThat(instructions(dockerfile, "HEALTHCHECK")).singleElement().asString()
        .contains("http://127.0.0.1:${GANGWAY_ADMIN_PORT}/healthz");
    // The image's default config reads the same variable, with the image's value as default.
    Matcher env = Pattern.compile("GANGWAY_ADMIN_PORT=(\\d+)").matcher(dockerfile);
    assertThat(env.find()).isTrue();
    assertThat(Files.readString(DEPLOY.resolve("gangway.yaml")))
        .contains("port: ${GANGWAY_ADMIN_PORT:-" + env.group(1) + "}");
    assertThat(imageUser()).isPositive();
  }

  /** The uid of the Dockerfile's {@code USER}, which must be numeric for runAsNonRoot. */
  private static long imageUser() throws IOException {
    List<String> users = instructions(Files.readString(DOCKERFILE), "USER");
    assertThat(users).singleElement().asString().matches("\\d+(:\\d+)?");
    return Long.parseLong(users.get(0).split(":")[0]);
  }

  /** The arguments of each instruction {@code name}, continuation lines joined. */
  private static List<String> instructions(String dockerfile, String name) {
    String joined = dockerfile.replace("\\\n", " ");
    return joined.lines().map(String::strip).filter(l -> l.startsWith(name + " "))
        .map(l -> l.substring(name.length()).strip().replaceAll("\\s+", " ")).toList();
  }

  private static int port(JsonNode container, String name) {
    for (JsonNode port : container.get("ports")) {
      if (port.get("name").asText().equals(name)) {
        return port.get("containerPort").asInt();
      }
    }
    throw new AssertionError("no port " + name + " in " + container.get("ports"));
  }

  private static String volumeMount(JsonNode container, String name) {
    for (JsonNode mount : container.get("volumeMounts")) {
      if (mount.get("name").asText().equals(name)) {
        return mount.get("mountPath").asText();
      }
    }
    throw new AssertionError("no volume mount " + name);
  }

  private static List<Path> manifests() throws IOException {
    try (Stream<Path> files = Files.list(MANIFESTS)) {
      List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
      assertThat(yaml).extracting(f -> f.getFileName().toString()).contains("deployment.yaml",
          "service.yaml", "configmap.yaml", "poddisruptionbudget.yaml",
          "horizontalpodautoscaler.yaml");
      return yaml;
    }
  }

  private static JsonNode document(String file) throws IOException {
    return YAML.readTree(MANIFESTS.resolve(file).toFile());
  }

  private static List<JsonNode> documents(List<Path> files) throws IOException {
    List<JsonNode> all = new ArrayList<>();
    for (Path file : files) {
      YAML.readValues(new YAMLFactory().createParser(file.toFile()), JsonNode.class)
          .readAll().stream().filter(d -> !d.isNull() && !d.isMissingNode()).forEach(all::add);
    }
    return all;
  }

  /** What a command printed and how it exited. */
  private record Run(int exitCode, String output) {}

  /** Runs the validator (installing it first with {@code npm ci} when it is not there yet). */
  private static Run validate(List<String> command) throws Exception {
    installValidator();
    return run(command, 2);
  }

  private static synchronized void installValidator() throws Exception {
    Files.createDirectories(VALIDATOR);
    for (String name : List.of("package.json", "package-lock.json", "validate.mjs")) {
      Files.copy(MANIFESTS.resolve("validate").resolve(name), VALIDATOR.resolve(name),
          StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(VALIDATOR.resolve("node_modules/kubernetes-models"))) {
      Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), NPM_MINUTES);
      assertThat(install.exitCode()).as("npm ci in %s:%n%s", VALIDATOR, install.output()).isZero();
    }
  }

  private static Run run(List<String> command, long minutes) throws Exception {
    // Output to a file, so that a hanging command cannot block the read: the wait is bounded.
    Path log = Files.createTempFile(VALIDATOR, "run", ".log");
    Process process = new ProcessBuilder(command)
        .directory(VALIDATOR.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    process.getOutputStream().close();
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish within " + minutes + " minutes");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Run(process.exitValue(), output);
  }
}
