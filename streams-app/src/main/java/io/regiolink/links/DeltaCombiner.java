package io.regiolink.links;

import io.regiolink.avro.internal.CountDelta;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums the deltas of one link or region over a short interval before they cross the repartition
 * topic. One company change fans out into 10-30 deltas, and during a load the same links and
 * regions recur thousands of times a second, so every hop after this one (the repartition topic,
 * the count stores, their changelogs, the alert stores) sees a small fraction of the records.
 *
 * <p>Exactly-once: the pending sums live in a state store (in memory, cached, with a changelog), so
 * they commit with the input offsets that produced them; a crash can neither lose nor repeat a
 * delta. A sum put and flushed between two commits never reaches the changelog (the cache drops
 * a key written and deleted within one commit interval); only the sums pending at a commit do.
 * (Asking for a commit after each flush would empty it at every commit, but measured, the extra
 * commits cost more than the changelog writes they save: each one waits for a producer flush.)
 *
 * <p>Alerts: deltas are summed only within one time bucket (the alert window their event time
 * falls in), and each flush forwards the sums oldest event time first, so every window still
 * receives exactly its own changes. Sums from different tasks can reach an alert partition a few
 * hundred milliseconds apart; the alert processor holds a window open that long after stream time
 * passes it ({@code AlertsTopology.CLOSE_DELAY}).
 */
final class DeltaCombiner extends ContextualProcessor<String, CountDelta, String, CountDelta> {
  /** Between the delta's key and its bucket; the bucket is digits only, so the last one splits. */
  private static final char BUCKET_SEPARATOR = '@';

  private final String storeName;
  private final Duration interval;
  private final UnaryOperator<Instant> bucketOf;
  private KeyValueStore<String, byte[]> pending;

  /**
   * @param interval how long deltas are summed before they are sent on
   * @param bucketOf the start of the time bucket an event time falls in; deltas of different buckets are never summed
   */
  DeltaCombiner(String storeName, Duration interval, UnaryOperator<Instant> bucketOf) {
    this.storeName = storeName;
    this.interval = interval;
    this.bucketOf = bucketOf;
  }

  @Override
  public void init(ProcessorContext<String, CountDelta> context) {
    super.init(context);
    pending = context.getStateStore(storeName);
    context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::flush);
    // Sums left by a run that stopped before flushing them are sent with the first flush.
  }

  @Override
  public void process(Record<String, CountDelta> record) {
    CountDelta delta = record.value();
    String key = record.key() + BUCKET_SEPARATOR + bucketOf.apply(delta.getEventTime()).toEpochMilli();
    byte[] sum = pending.get(key);
    pending.put(key, sum == null ? PendingSum.of(delta) : PendingSum.plus(sum, delta));
  }

  /**
   * @param now the wall clock, used as the records' timestamp: an event time may lie up to a day
   *     ahead, which a broker's {@code log.message.timestamp.after.max.ms} would refuse
   */
  private void flush(long now) {
    List<KeyValue<String, byte[]>> sums = new ArrayList<>();
    try (var all = pending.all()) {
      all.forEachRemaining(sums::add);
    }
    sums.sort(Comparator.comparingLong((KeyValue<String, byte[]> kv) -> PendingSum.eventTimeMillis(kv.value))
        .thenComparing(kv -> kv.key));
    for (KeyValue<String, byte[]> sum : sums) {
      String key = sum.key.substring(0, sum.key.lastIndexOf(BUCKET_SEPARATOR));
      context().forward(new Record<>(key, PendingSum.toDelta(sum.value), now));
      pending.delete(sum.key);
    }
  }
}
