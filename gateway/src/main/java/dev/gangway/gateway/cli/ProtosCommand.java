package dev.gangway.gateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gangway protos DIR}: writes the {@code .proto} files that annotated services import
 * ({@code google/api/annotations.proto}, {@code http.proto}, ..., {@code google/rpc/*} and the
 * protobuf well-known types) into DIR, so that {@code protoc -I DIR} finds them. They are the
 * files the gateway itself is built with (proto-google-common-protos and protobuf-java).
 *
 * <p>Not thread-safe; one instance per command line.
 */
@Command(
    name = "protos",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    versionProvider = ManifestVersion.class,
    description = "Writes the google/api, google/rpc and google/protobuf .proto files that "
        + "annotated services import into DIR (for protoc -I DIR); existing files are replaced.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:written", "1:DIR could not be written", "2:bad command line"})
final class ProtosCommand implements Callable<Integer> {
  /** Every file written, by path under DIR; {@code ProtosCommandTest} checks each is bundled. */
  static final List<String> FILES = List.of(
      "google/api/annotations.proto",
      "google/api/http.proto",
      "google/api/httpbody.proto",
      "google/api/client.proto",
      "google/api/field_behavior.proto",
      "google/api/field_info.proto",
      "google/api/resource.proto",
      "google/api/routing.proto",
      "google/api/launch_stage.proto",
      "google/api/visibility.proto",
      "google/rpc/status.proto",
      "google/rpc/code.proto",
      "google/rpc/error_details.proto",
      "google/protobuf/any.proto",
      "google/protobuf/api.proto",
      "google/protobuf/descriptor.proto",
      "google/protobuf/duration.proto",
      "google/protobuf/empty.proto",
      "google/protobuf/field_mask.proto",
      "google/protobuf/source_context.proto",
      "google/protobuf/struct.proto",
      "google/protobuf/timestamp.proto",
      "google/protobuf/type.proto",
      "google/protobuf/wrappers.proto");

  @Parameters(index = "0", paramLabel = "DIR", description = "Where to write (created if absent).")
  Path dir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      for (String name : FILES) {
        write(name);
      }
    } catch (IOException e) {
      err.println("cannot write " + dir + ": " + Main.describe(e));
      err.flush();
      return Main.FAILED;
    }
    out.println("wrote " + FILES.size() + " .proto files under " + dir
        + " (google/api, google/rpc, google/protobuf); use: protoc -I " + dir + " ...");
    out.flush();
    return 0;
  }

  private void write(String name) throws IOException {
    try (InputStream in = ProtosCommand.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(name + " is not bundled in this build");
      }
      Path target = dir.resolve(name);
      Files.createDirectories(target.getParent());
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
