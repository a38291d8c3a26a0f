/**
 * The {@code gangway} command line (picocli): run the gateway, {@code validate} a configuration,
 * {@code --help}, {@code --version}. docs/configuration.md lists every flag and exit code.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.gangway.gateway.cli;
