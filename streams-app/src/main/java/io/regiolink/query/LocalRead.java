package io.regiolink.query;

import java.util.List;
import java.util.Set;

/** What one instance could read from its own stores; the same shape travels between instances. */
public final class LocalRead {
  private LocalRead() {}

  /** A point read: {@code available} is false when this instance cannot answer for the partition now. */
  public record Point<T>(T value, boolean available) {
    public static <T> Point<T> unavailable() {
      return new Point<>(null, false);
    }
  }

  /** A range read over several partitions, with the partitions that could not be read. */
  public record Scan<T>(List<T> values, Set<Integer> unavailable) {}
}
