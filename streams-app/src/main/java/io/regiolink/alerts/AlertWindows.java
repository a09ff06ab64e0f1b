package io.regiolink.alerts;

import java.time.Duration;
import java.time.Instant;

/**
 * Tumbling event-time windows aligned to Monday 00:00 UTC (design section 8): with the default
 * length of 7 days each window is one calendar week.
 */
public record AlertWindows(Duration length, Duration grace) {
  /** A Monday, 00:00 UTC: windows are counted from here. */
  static final Instant ANCHOR = Instant.parse("1970-01-05T00:00:00Z");

  public AlertWindows {
    if (length.isZero() || length.isNegative()) {
      throw new IllegalArgumentException("alert window length must be positive, was " + length);
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("alert grace must not be negative, was " + grace);
    }
  }

  /** The start of the window holding {@code time}. */
  public Instant startOf(Instant time) {
    long len = length.toMillis();
    long offset = time.toEpochMilli() - ANCHOR.toEpochMilli();
    return Instant.ofEpochMilli(ANCHOR.toEpochMilli() + Math.floorDiv(offset, len) * len);
  }

  public Instant endOf(Instant windowStart) {
    return windowStart.plus(length);
  }

  /** Whether the window ending at {@code windowEnd} is closed once stream time has reached {@code streamTime}. */
  public boolean isClosed(Instant windowEnd, Instant streamTime) {
    return !streamTime.isBefore(windowEnd.plus(grace));
  }
}
