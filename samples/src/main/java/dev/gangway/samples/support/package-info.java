/**
 * Helpers shared by the sample services: google.rpc error details, opaque page tokens,
 * timestamps, answers after a delay that holds no thread ({@code x-sample-delay-ms},
 * {@link dev.gangway.samples.support.SampleDelay}) and the probes that count waiting calls
 * ({@link dev.gangway.samples.support.CallProbe}).
 *
 * <p>Everything here is thread-safe (the helpers are stateless, a probe guards its counts);
 * parameters and return values are non-null unless documented otherwise.
 */
package dev.gangway.samples.support;
