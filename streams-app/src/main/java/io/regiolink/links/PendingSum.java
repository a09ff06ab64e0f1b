package io.regiolink.links;

import io.regiolink.avro.internal.CountDelta;
import io.regiolink.avro.internal.HistoryPart;
import java.time.Instant;
import java.util.List;

/**
 * One pending delta sum in {@link DeltaCombiner}: the measures added up, the latest event time
 * kept, the names (target, scheme, regions, sector) of the first delta, and the history parts
 * added up by instant. Mutable, and held only in {@link DeltaCombiner}'s map between two commits.
 */
final class PendingSum {
  private final CountDelta first;
  private final MeasureSum total = new MeasureSum();
  private long eventTimeMillis = Long.MIN_VALUE;
  /** Null until a delta with history arrives: a bulk load's mostly have none. */
  private HistoryParts history;

  PendingSum(CountDelta first) {
    this.first = first;
    add(first);
  }

  void add(CountDelta d) {
    total.add(d);
    eventTimeMillis = Math.max(eventTimeMillis, d.getEventTime().toEpochMilli());
    List<HistoryPart> parts = d.getHistory();
    if (parts.isEmpty()) {
      return;
    }
    if (history == null) {
      history = new HistoryParts();
    }
    history.addAll(parts);
  }

  long eventTimeMillis() {
    return eventTimeMillis;
  }

  /** The sum, its history oldest first, without the instants where the parts cancelled out. */
  CountDelta toDelta() {
    return total.toDelta(first, Instant.ofEpochMilli(eventTimeMillis), history == null ? List.of() : history.merged());
  }
}
