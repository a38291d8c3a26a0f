/**
 * The gateway's configuration: the YAML file and command-line flags, read by {@link
 * dev.gangway.gateway.config.ConfigLoader} into immutable records ({@link
 * dev.gangway.gateway.config.GatewayConfig} and its parts). docs/configuration.md documents every
 * key.
 *
 * <p>Everything here is setup code except {@link dev.gangway.gateway.config.ServicePatterns}
 * lookups. Parameters and return values are non-null unless documented otherwise.
 */
package dev.gangway.gateway.config;
