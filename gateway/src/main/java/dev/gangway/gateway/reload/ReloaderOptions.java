package dev.gangway.gateway.reload;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link Reloader} turns file changes into reloads. Whether to watch at all and how often
 * to poll come from the configuration ({@code descriptors.watch},
 * {@code descriptors.pollInterval}); these are the settings the configuration does not carry.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReloaderOptions {
  /** 200ms debounce, 5s maximum delay, file events on. */
  public static final ReloaderOptions DEFAULT = builder().build();

  private final Duration debounce;
  private final Duration maxDelay;
  private final boolean fileEvents;

  private ReloaderOptions(Builder b) {
    this.debounce = b.debounce;
    this.maxDelay = b.maxDelay;
    this.fileEvents = b.fileEvents;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Duration debounce() {
    return debounce;
  }

  public Duration maxDelay() {
    return maxDelay;
  }

  public boolean fileEvents() {
    return fileEvents;
  }

  @Override
  public String toString() {
    return "ReloaderOptions{debounce=" + debounce + ", maxDelay=" + maxDelay
        + ", fileEvents=" + fileEvents + "}";
  }

  /** Not thread-safe; build once. */
  public static final class Builder {
    private Duration debounce = Duration.ofMillis(200);
    private Duration maxDelay = Duration.ofSeconds(5);
    private boolean fileEvents = true;

    private Builder() {}

    /**
     * Quiet time after the last change before reloading, so that a burst of writes (a copy, a
     * {@code buf build}, a ConfigMap update) becomes one reload. Default 200ms.
     */
    public Builder debounce(Duration debounce) {
      this.debounce = requirePositive(debounce, "debounce");
      return this;
    }

    /**
     * Longest time a reload waits while changes keep arriving, so that a file rewritten without
     * pause still gets loaded. Default 5s.
     */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = requirePositive(maxDelay, "maxDelay");
      return this;
    }

    /**
     * Whether to listen for file-system events ({@code WatchService}) in addition to the checksum
     * poll. Turn off where events are unreliable or costly (network file systems); changes are
     * then seen by the poll alone. Default true.
     */
    public Builder fileEvents(boolean fileEvents) {
      this.fileEvents = fileEvents;
      return this;
    }

    public ReloaderOptions build() {
      return new ReloaderOptions(this);
    }

    private static Duration requirePositive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
