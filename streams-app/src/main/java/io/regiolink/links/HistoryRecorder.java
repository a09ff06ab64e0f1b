package io.regiolink.links;

import io.regiolink.avro.internal.CountDelta;
import io.regiolink.avro.internal.HistoryPart;
import io.regiolink.history.HistoryRetention;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.internals.RocksDbWindowBytesStoreSupplier;

/**
 * Records the history of one count store (links or region summaries): every delta's history parts,
 * by the instant each takes effect on the company timelines ({@code CountDelta.history}), in two
 * window stores with the counts' keys, on the counts' partitions, each entry the measures only
 * ({@code HistoryPart}: the key names the link or region):
 * <ul>
 *   <li>the exact store, one entry per key and instant: a count at any instant T is today's count
 *       minus the entries after T ({@code WindowKeyQuery} over (T, now]);
 *   <li>the daily store, one entry per key and UTC day: a whole matrix or every region at the end of
 *       day D is today's minus the entries of the days after D ({@code WindowRangeQuery}), which is
 *       a few thousand entries a day where the exact store has one per event.
 * </ul>
 * Window stores, because they are Kafka Streams' own time-indexed stores: an entry is found by key
 * and time range, and whole segments of time are dropped from disk once older than the retention.
 * Today's count is the base, so nothing ever has to be folded into a base when history expires.
 *
 * <p>As {@link Counts}, the sums wait in a map and are written just before the commit
 * ({@link BeforeCommit}), in the same commit as the counts they belong to.
 */
final class HistoryRecorder extends ContextualProcessor<String, CountDelta, Void, Void> {
  private final String exactStoreName;
  private final String dailyStoreName;
  private final String hookName;
  /** By key: one hash lookup per summed delta, however many instants it carries. */
  private final Map<String, HistoryParts> pending = new HashMap<>();
  private WindowStore<String, HistoryPart> exact;
  private WindowStore<String, HistoryPart> daily;
  private CommitForwarder<Void, Void> atCommit;

  HistoryRecorder(String exactStoreName, String dailyStoreName, String hookName) {
    this.exactStoreName = exactStoreName;
    this.dailyStoreName = dailyStoreName;
    this.hookName = hookName;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    super.init(context);
    exact = context.getStateStore(exactStoreName);
    daily = context.getStateStore(dailyStoreName);
    atCommit = new CommitForwarder<>(context);
    BeforeCommit hook = context.getStateStore(hookName);
    hook.register(this::write, pending::clear);
  }

  @Override
  public void process(Record<String, CountDelta> record) {
    // Only the parts: what took effect before the retained history is in today's counts, and no
    // instant we answer for needs it.
    List<HistoryPart> parts = record.value().getHistory();
    if (!parts.isEmpty()) {
      pending.computeIfAbsent(record.key(), key -> new HistoryParts()).addAll(parts);
    }
  }

  private void write() {
    if (pending.isEmpty()) {
      return;
    }
    // Inside run: the stores' changelog writes need a record context.
    atCommit.run(() -> pending.forEach((key, parts) -> {
      MeasureSum day = new MeasureSum();
      long dayStart = Long.MIN_VALUE;
      for (HistoryPart part : parts.merged()) { // oldest first, so a day's parts are consecutive
        long at = part.getAt().toEpochMilli();
        MeasureSum exactly = new MeasureSum();
        exactly.add(part);
        addTo(exact, key, at, exactly);
        long partDay = HistoryRetention.startOf(HistoryRetention.day(part.getAt())).toEpochMilli();
        if (partDay != dayStart && dayStart != Long.MIN_VALUE) {
          addTo(daily, key, dayStart, day);
          day = new MeasureSum();
        }
        dayStart = partDay;
        day.add(part);
      }
      if (dayStart != Long.MIN_VALUE) {
        addTo(daily, key, dayStart, day);
      }
    }));
    pending.clear();
  }

  /** Adds to a key's entry at an instant (a day's first millisecond for the daily store); a zero entry is deleted. */
  private static void addTo(WindowStore<String, HistoryPart> store, String key, long millis, MeasureSum sum) {
    HistoryPart held = store.fetch(key, millis);
    if (held == null && sum.isZero()) {
      return;
    }
    if (held != null) {
      sum.add(held);
    }
    store.put(key, sum.isZero() ? null : sum.toPart(Instant.ofEpochMilli(millis)), millis);
  }

  /**
   * A history store: kept two days beyond the retention (window stores expire by the newest time
   * written, and an event may lie up to a day ahead of the wall clock), in segments of an eighth
   * of it, so history is gone from disk at most an eighth of the retention after it expires.
   */
  static StoreBuilder<WindowStore<String, HistoryPart>> store(String name, HistoryRetention history,
      Duration resolution, Serde<HistoryPart> serde) {
    long keep = history.retention().plusDays(2).toMillis();
    return Stores.windowStoreBuilder(new RocksDbWindowBytesStoreSupplier(name, keep, Math.max(keep / 8, 60_000L),
        resolution.toMillis(), false, RocksDbWindowBytesStoreSupplier.WindowStoreTypes.DEFAULT_WINDOW_STORE),
        Serdes.String(), serde);
  }
}
