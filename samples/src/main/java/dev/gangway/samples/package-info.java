/**
 * The sample gRPC backends and their launcher: {@link dev.gangway.samples.SampleServers} starts
 * one gRPC server per {@link dev.gangway.samples.SampleBackend} (tests, demo),
 * {@link dev.gangway.samples.SamplesMain} runs them all on the demo's fixed ports.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.gangway.samples;
