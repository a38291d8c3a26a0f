package dev.gangway.samples.support;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Converts between {@link Instant} and {@link Timestamp}. Stateless and thread-safe. */
public final class ProtoTime {

  private ProtoTime() {}

  public static Timestamp of(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  public static Instant toInstant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
