package dev.gangway.gateway.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * The version {@code --version} prints: the jar manifest's {@code Implementation-Version}, or
 * {@code dev} when running from classes (an IDE, the test suite).
 *
 * <p>Stateless and thread-safe.
 */
final class ManifestVersion implements IVersionProvider {
  static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? "dev" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"gangway " + version()};
  }
}
