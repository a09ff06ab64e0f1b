package io.regiolink.live;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A place in a topic: for every partition, the next offset to deliver. It is the SSE event id
 * ({@code "120.33.0.8"} for four partitions), so a client that reconnects with Last-Event-ID, to
 * this instance or any other, gets exactly what it has not seen: offsets are the topic's, not the
 * instance's.
 */
public final class FeedPosition {
  private final long[] next;

  private FeedPosition(long[] next) {
    this.next = next;
  }

  public static FeedPosition of(long... next) {
    return new FeedPosition(next.clone());
  }

  /** Parses an event id; empty when it is not one for a topic of this many partitions. */
  public static Optional<FeedPosition> parse(String id, int partitions) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    String[] parts = id.trim().split("\\.", -1);
    if (parts.length != partitions) {
      return Optional.empty();
    }
    long[] next = new long[partitions];
    try {
      for (int p = 0; p < partitions; p++) {
        next[p] = Long.parseLong(parts[p]);
        if (next[p] < 0) {
          return Optional.empty();
        }
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.of(new FeedPosition(next));
  }

  public int partitions() {
    return next.length;
  }

  public long next(int partition) {
    return next[partition];
  }

  /** Whether the record at (partition, offset) lies at or after this position, i.e. is not yet seen. */
  public boolean isNew(int partition, long offset) {
    return offset >= next[partition];
  }

  /** The position just after a record. */
  public FeedPosition after(int partition, long offset) {
    long[] moved = next.clone();
    moved[partition] = Math.max(moved[partition], offset + 1);
    return new FeedPosition(moved);
  }

  public String id() {
    return Arrays.stream(next).mapToObj(Long::toString).collect(Collectors.joining("."));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeedPosition other && Arrays.equals(next, other.next);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(next);
  }

  @Override
  public String toString() {
    return id();
  }
}
