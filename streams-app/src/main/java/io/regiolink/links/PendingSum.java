package io.regiolink.links;

import io.regiolink.avro.internal.CountDelta;
import io.regiolink.avro.internal.HistoryPart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pending delta sum in {@link DeltaCombiner}: the measures added up, the latest event time
 * kept, the names (target, scheme, regions, sector) of the first delta, and the history parts
 * added up by instant. Mutable, and held only in {@link DeltaCombiner}'s map between two commits.
 */
final class PendingSum {
  private final CountDelta first;
  private final MeasureSum total = new MeasureSum();
  private long eventTimeMillis = Long.MIN_VALUE;
  /** By instant (epoch millis); null until a delta with history arrives: a bulk load's mostly have none. */
  private Map<Long, MeasureSum> history;

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
      history = new TreeMap<>();
    }
    for (HistoryPart part : parts) {
      history.computeIfAbsent(part.getAt().toEpochMilli(), at -> new MeasureSum()).add(part);
    }
  }

  long eventTimeMillis() {
    return eventTimeMillis;
  }

  /** The sum, its history oldest first, without the instants where the parts cancelled out. */
  CountDelta toDelta() {
    List<HistoryPart> parts = List.of();
    if (history != null) {
      parts = new ArrayList<>(history.size());
      for (Map.Entry<Long, MeasureSum> e : history.entrySet()) {
        if (!e.getValue().isZero()) {
          parts.add(e.getValue().toPart(Instant.ofEpochMilli(e.getKey())));
        }
      }
    }
    return total.toDelta(first, Instant.ofEpochMilli(eventTimeMillis), parts);
  }
}
