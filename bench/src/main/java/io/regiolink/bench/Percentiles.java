package io.regiolink.bench;

import java.util.Arrays;
import java.util.List;

/** p50 and p99 of measured latencies, in milliseconds. */
record Percentiles(int count, double p50, double p99) {
  static Percentiles ofNanos(List<Long> nanos) {
    if (nanos.isEmpty()) {
      return new Percentiles(0, Double.NaN, Double.NaN);
    }
    long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return new Percentiles(sorted.length, at(sorted, 0.50) / 1e6, at(sorted, 0.99) / 1e6);
  }

  /** Nearest-rank percentile. */
  private static long at(long[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
