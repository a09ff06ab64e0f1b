package io.regiolink.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One watched value (a link's companies, a region's inbound companies) over event-time windows:
 * the value settled at the last closed window end, plus changes waiting in windows still open.
 * Plain and mutable; the Kafka shell keeps it in a state store.
 */
public final class WindowedValue {
  private long settled;
  private final TreeMap<Long, Long> pending = new TreeMap<>();

  public WindowedValue(long settled, Map<Long, Long> pending) {
    this.settled = settled;
    this.pending.putAll(pending);
  }

  public static WindowedValue empty() {
    return new WindowedValue(0, Map.of());
  }

  public long settled() {
    return settled;
  }

  public Map<Long, Long> pending() {
    return pending;
  }

  /** Adds a change to the window starting at {@code windowStart}. */
  public void add(Instant windowStart, long delta) {
    pending.merge(windowStart.toEpochMilli(), delta, Long::sum);
    if (pending.get(windowStart.toEpochMilli()) == 0) {
      pending.remove(windowStart.toEpochMilli());
    }
  }

  /**
   * The value at {@code windowEnd}: settled plus every change in a window before it; the value
   * itself when {@code windowEnd} is null. Changes nothing, so a close can evaluate a value
   * without writing it back.
   */
  public long valueAt(Instant windowEnd) {
    if (windowEnd == null) {
      return settled;
    }
    long value = settled;
    long end = windowEnd.toEpochMilli();
    // In key order, without a head-map view: a close calls this for every link and window.
    for (Map.Entry<Long, Long> change : pending.entrySet()) {
      if (change.getKey() >= end) {
        break;
      }
      value += change.getValue();
    }
    return value;
  }

  /** Whether the value is zero at {@code windowEnd} and has no change from there on: nothing left to remember. */
  public boolean isEmptyFrom(Instant windowEnd) {
    return valueAt(windowEnd) == 0 && pending.tailMap(windowEnd.toEpochMilli(), true).isEmpty();
  }

  /** Settles every change before {@code windowEnd} and returns the value there. */
  public long settleUntil(Instant windowEnd) {
    var closed = pending.headMap(windowEnd.toEpochMilli(), false);
    for (long delta : closed.values()) {
      settled += delta;
    }
    closed.clear();
    return settled;
  }

  /** Nothing to remember: zero and no pending change. */
  public boolean isEmpty() {
    return settled == 0 && pending.isEmpty();
  }
}
