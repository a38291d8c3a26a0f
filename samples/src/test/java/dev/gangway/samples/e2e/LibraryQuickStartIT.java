package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "Use it with your services", replayed command by command with someone else's proto
 * (googleapis' google/example/library/v1/library.proto, from the npm package google-proto-files
 * 5.0.3, Apache-2.0): {@code gangway protos}, the documented protoc command (protoc from Maven
 * Central), {@code validate} with the documented pattern, the gateway with the documented flags
 * in front of a library backend, and both curl commands.
 *
 * <p>What differs from a person's run, and only that: {@code git clone} is replaced by the
 * proto file from test resources, the gateway and admin ports are ephemeral (for validate: port 0,
 * which its bind check skips, so the test binds nothing but loopback), and the backend target
 * points at the test's backend.
 */
class LibraryQuickStartIT {
  private static final Path README = Path.of("../README.md");
  private static final Path JAR = Path.of("../gateway/target/gangway.jar");
  private static final Path LIBRARY_PROTO =
      Path.of("src/test/resources/googleapis/google/example/library/v1/library.proto");
  private static final String SERVICE = "google.example.library.v1.LibraryService";
  private static final Pattern LISTENING = Pattern.compile("listening on http://\\S+:(\\d+)");
  private static final long COMMAND_SECONDS = 120;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void readmeStepsServeTheGoogleapisLibraryExample(@TempDir Path work) throws Exception {
    List<String> commands = readmeCommands();
    assertThat(commands).anyMatch(c -> c.startsWith("protoc "));
    Path bin = tools(work);
    Path googleapis = work.resolve("googleapis/google/example/library/v1");
    Files.createDirectories(googleapis);
    Files.copy(LIBRARY_PROTO, googleapis.resolve("library.proto"));

    Server backend = null;
    Process gateway = null;
    StringBuilder gatewayOutput = new StringBuilder();
    try {
      int gatewayPort = -1;
      for (String command : commands) {
        if (command.startsWith("git clone")) {
          continue; // the proto file is laid out above instead
        }
        if (command.contains("gangway.jar --descriptors") && !command.contains(" validate ")) {
          backend = libraryBackend(work.resolve("descriptors/library.binpb"));
          gateway = start(work, bin, backendTarget(command, backend) + " --port 0 --admin-port 0");
          gatewayPort = awaitPort(gateway, gatewayOutput);
          continue;
        }
        String line = command;
        if (backend != null) {
          line = backendTarget(line, backend);
        }
        if (gatewayPort > 0) {
          line = line.replace("localhost:8080", "127.0.0.1:" + gatewayPort);
        }
        if (line.contains(" validate ")) {
          line += " --port 0 --admin-port 0";
        }
        Run run = run(work, bin, line);
        assertThat(run.exitCode()).as("%s%n%s", line, run.output()).isZero();
        check(command, run.output());
      }
      assertThat(gatewayPort).as("the README starts the gateway").isPositive();
    } finally {
      if (gateway != null) {
        gateway.destroy();
        gateway.waitFor(30, TimeUnit.SECONDS);
      }
      if (backend != null) {
        backend.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void validateWarnsAboutAPatternThatMatchesNoLoadedService(@TempDir Path work) throws Exception {
    Path bin = tools(work);
    Path dir = work.resolve("googleapis/google/example/library/v1");
    Files.createDirectories(dir);
    Files.copy(LIBRARY_PROTO, dir.resolve("library.proto"));
    Files.createDirectories(work.resolve("descriptors"));
    assertThat(run(work, bin, "java -jar gateway/target/gangway.jar protos protos/").exitCode())
        .isZero();
    assertThat(run(work, bin, "protoc --include_imports"
        + " --descriptor_set_out=descriptors/library.binpb -I protos/ -I googleapis/"
        + " googleapis/google/example/library/v1/library.proto").exitCode()).isZero();

    // The pattern the README once had: the package without its "google." prefix.
    Run run = run(work, bin, "java -jar gateway/target/gangway.jar validate"
        + " --descriptors descriptors/ --backend 'example.library.v1.*=dns:///localhost:50051'"
        + " --port 0 --admin-port 0");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output()).contains("backend cli-1: service pattern example.library.v1.*"
        + " matches no loaded service (loaded: " + SERVICE + ")");
  }

  /** What each documented command must have printed. */
  private static void check(String command, String output) throws IOException {
    if (command.contains(" validate ")) {
      assertThat(output).contains(SERVICE + "/GetShelf").contains("no problems");
    } else if (command.contains(" protos ")) {
      assertThat(output).startsWith("wrote ");
    } else if (command.startsWith("curl -s -H 'Content-Type: application/json' -d")) {
      JsonNode shelf = JSON.readTree(output);
      assertThat(shelf.get("name").asText()).isEqualTo("shelves/2");
      assertThat(shelf.get("theme").asText()).isEqualTo("Sci-fi");
    } else if (command.startsWith("curl -s localhost:8080/v1/shelves/1")) {
      JsonNode shelf = JSON.readTree(output);
      assertThat(shelf.get("name").asText()).isEqualTo("shelves/1");
      assertThat(shelf.get("theme").asText()).isEqualTo("Fiction");
    }
  }

  /** The shell commands of the README's "Use it with your services" code blocks. */
  private static List<String> readmeCommands() throws IOException {
    String readme = Files.readString(README);
    int section = readme.indexOf("\n## Use it with your services\n");
    assertThat(section).as("README section").isPositive();
    int end = readme.indexOf("\n## ", section + 1);
    String text = readme.substring(section, end < 0 ? readme.length() : end);
    List<String> commands = new ArrayList<>();
    Matcher blocks = Pattern.compile("\n```\n(.*?)\n```", Pattern.DOTALL).matcher(text);
    while (blocks.find()) {
      for (String line : blocks.group(1).replace("\\\n", " ").split("\n")) {
        String command = line.strip().replaceAll("\\s+", " ");
        if (!command.isEmpty() && !command.startsWith("#")) {
          commands.add(command);
        }
      }
    }
    return commands;
  }

  /** The documented backend target, replaced by the test backend's address. */
  private static String backendTarget(String command, Server backend) {
    return command.replace("dns:///localhost:50051", "127.0.0.1:" + backend.getPort());
  }

  /**
   * A directory for PATH with {@code protoc} (Maven Central's binary, as the build uses) and
   * {@code java} (this JVM), and {@code gateway/target/gangway.jar} under {@code work}, so that
   * the README's commands run as written.
   */
  private static Path tools(Path work) throws IOException {
    Path bin = Files.createDirectories(work.resolve(".bin"));
    String protoc = System.getProperty("gangway.protoc");
    if (protoc == null || !Files.isRegularFile(Path.of(protoc))) {
      fail("protoc not found at " + protoc + " (system property gangway.protoc, set by the"
          + " samples pom to the binary the build downloaded)");
    }
    Path protocCopy = bin.resolve("protoc");
    Files.copy(Path.of(protoc), protocCopy, StandardCopyOption.REPLACE_EXISTING);
    assertThat(protocCopy.toFile().setExecutable(true)).isTrue();
    Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
    Files.createSymbolicLink(bin.resolve("java"), java);
    if (!Files.isRegularFile(JAR)) {
      fail(JAR.toAbsolutePath().normalize() + " does not exist; build it first");
    }
    Path jar = work.resolve("gateway/target/gangway.jar");
    Files.createDirectories(jar.getParent());
    Files.createSymbolicLink(jar, JAR.toAbsolutePath().normalize());
    return bin;
  }

  private record Run(int exitCode, String output) {}

  /** Runs one README line with bash in {@code work}, bounded in time. */
  private static Run run(Path work, Path bin, String command) throws Exception {
    Path log = Files.createTempFile(work, "run", ".log");
    Process process = process(work, bin, command).redirectOutput(log.toFile()).start();
    process.getOutputStream().close();
    if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(command + " did not finish within " + COMMAND_SECONDS + "s");
    }
    return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static Process start(Path work, Path bin, String command) throws IOException {
    Process process = process(work, bin, "exec " + command).start();
    process.getOutputStream().close();
    return process;
  }

  private static ProcessBuilder process(Path work, Path bin, String command) {
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", command)
        .directory(work.toFile())
        .redirectErrorStream(true);
    builder.environment().put("PATH",
        bin.toAbsolutePath() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    return builder;
  }

  /** Reads the gateway's output until it says where it listens. */
  private static int awaitPort(Process gateway, StringBuilder seen) throws Exception {
    java.io.BufferedReader in = new java.io.BufferedReader(
        new java.io.InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
    java.util.concurrent.CompletableFuture<Integer> port =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            String line;
            while ((line = in.readLine()) != null) {
              seen.append(line).append('\n');
              Matcher m = LISTENING.matcher(line);
              if (m.find()) {
                return Integer.parseInt(m.group(1));
              }
            }
            return -1;
          } catch (IOException e) {
            return -1;
          }
        });
    int found = port.get(COMMAND_SECONDS, TimeUnit.SECONDS);
    assertThat(found).as("gateway output:%n%s", seen).isPositive();
    // Keep draining its output so that it never blocks on a full pipe.
    Thread drain = new Thread(() -> {
      try {
        in.transferTo(java.io.Writer.nullWriter());
      } catch (IOException ignored) {
        // the process ended
      }
    }, "library-gateway-output");
    drain.setDaemon(true);
    drain.start();
    return found;
  }

  /**
   * A LibraryService backend built from the descriptor set the README's protoc command made:
   * GetShelf answers a shelf named as asked, with theme "Fiction"; CreateShelf answers the shelf
   * it was sent, named shelves/2. Bound to loopback.
   */
  private static Server libraryBackend(Path descriptorSet) throws Exception {
    FileDescriptorSet set = FileDescriptorSet.parseFrom(Files.readAllBytes(descriptorSet));
    Map<String, FileDescriptor> files = new HashMap<>();
    for (FileDescriptorProto proto : set.getFileList()) {
      FileDescriptor[] deps = proto.getDependencyList().stream().map(files::get)
          .toArray(FileDescriptor[]::new);
      files.put(proto.getName(), FileDescriptor.buildFrom(proto, deps));
    }
    ServiceDescriptor service = files.get("google/example/library/v1/library.proto")
        .findServiceByName("LibraryService");
    ServerServiceDefinition definition = ServerServiceDefinition.builder(SERVICE)
        .addMethod(unary(service.findMethodByName("GetShelf"), request -> shelf(
            request.getDescriptorForType().findFieldByName("name"), request, "Fiction",
            service.getFile().findMessageTypeByName("Shelf"))))
        .addMethod(unary(service.findMethodByName("CreateShelf"), request -> {
          DynamicMessage sent = (DynamicMessage) request.getField(
              request.getDescriptorForType().findFieldByName("shelf"));
          return sent.toBuilder()
              .setField(sent.getDescriptorForType().findFieldByName("name"), "shelves/2").build();
        }))
        .build();
    return NettyServerBuilder
        .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .addService(definition)
        .build()
        .start();
  }

  private static DynamicMessage shelf(com.google.protobuf.Descriptors.FieldDescriptor nameField,
      DynamicMessage request, String theme, Descriptor shelf) {
    return DynamicMessage.newBuilder(shelf)
        .setField(shelf.findFieldByName("name"), request.getField(nameField))
        .setField(shelf.findFieldByName("theme"), theme)
        .build();
  }

  private static io.grpc.ServerMethodDefinition<byte[], byte[]> unary(
      MethodDescriptor method, UnaryOperator<DynamicMessage> answer) {
    io.grpc.MethodDescriptor<byte[], byte[]> grpc = io.grpc.MethodDescriptor
        .<byte[], byte[]>newBuilder(BYTES, BYTES)
        .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(io.grpc.MethodDescriptor.generateFullMethodName(
            SERVICE, method.getName()))
        .build();
    return io.grpc.ServerMethodDefinition.create(grpc, ServerCalls.asyncUnaryCall(
        (request, out) -> {
          try {
            out.onNext(answer.apply(DynamicMessage.parseFrom(method.getInputType(), request))
                .toByteArray());
            out.onCompleted();
          } catch (IOException e) {
            out.onError(io.grpc.Status.INVALID_ARGUMENT.withDescription(e.getMessage())
                .asRuntimeException());
          }
        }));
  }

  private static final io.grpc.MethodDescriptor.Marshaller<byte[]> BYTES =
      new io.grpc.MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      };
}
