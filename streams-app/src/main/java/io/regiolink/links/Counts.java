package io.regiolink.links;

import io.regiolink.avro.internal.CountDelta;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds summed deltas to the counts of one store (links or region summaries) and publishes each
 * changed count once per commit, as a KTable aggregate with its record cache does, but with the
 * counts changed since the last commit held decoded in a hash map: the record cache keeps them
 * serialized in a sorted map, so every delta cost an Avro decode and encode and a few dozen byte
 * comparisons, about a tenth of the stream threads' time in a profile of the bench.
 *
 * <p>Just before each commit ({@link BeforeCommit}) the changed counts are written to the store
 * (uncached, logged: the changelog records go in the commit's transaction) and forwarded; a count
 * back to zero is deleted and published as a tombstone. Scans therefore read the counts as of the
 * last commit, never a half-applied batch.
 *
 * <p>A point query reads a count as soon as it changes: the hook store answers key queries with
 * the count held here ({@link HeldCount}), and the query reads the store only for a key not held.
 * Waiting for the commit's store write would add a commit interval, and a commit's duration, to
 * every change's way to a query; the change is then already counted, not yet committed, as any
 * store write between two commits is. Held in a concurrent map for those query threads.
 *
 * @param <V> the count type (LinkCount, RegionSummary)
 */
final class Counts<V> extends ContextualProcessor<String, CountDelta, String, V> {
  /** How a delta changes a count; null when the count is back to zero. */
  interface Rule<V> {
    V apply(String key, CountDelta delta, V current);
  }

  /** A count changed since the last commit, whether the store holds it, and its latest input timestamp. */
  private record Changed<V>(V value, boolean stored, long timestamp) {}

  private static final Logger LOG = LoggerFactory.getLogger(Counts.class);

  private final String storeName;
  private final String hookName;
  private final Rule<V> rule;
  private final Predicate<V> negative;
  private final Map<String, Changed<V>> changed = new ConcurrentHashMap<>();
  private TimestampedKeyValueStore<String, V> store;
  private CommitForwarder<String, V> forwarder;

  /**
   * @param negative whether a count has a measure below zero: a counting fault, logged when it is
   *     committed (between two deltas of one commit a count may dip below zero and come back: the
   *     deltas of a late older event add up to zero, not each to a valid count)
   */
  Counts(String storeName, String hookName, Rule<V> rule, Predicate<V> negative) {
    this.storeName = storeName;
    this.hookName = hookName;
    this.rule = rule;
    this.negative = negative;
  }

  @Override
  public void init(ProcessorContext<String, V> context) {
    super.init(context);
    store = context.getStateStore(storeName);
    forwarder = new CommitForwarder<>(context);
    BeforeCommit hook = context.getStateStore(hookName);
    hook.register(this::commit, changed::clear, key -> {
      Changed<V> held = changed.get(key);
      return held == null ? null : new HeldCount<>(held.value());
    });
  }

  @Override
  public void process(Record<String, CountDelta> record) {
    String key = record.key();
    Changed<V> held = changed.get(key);
    V current;
    boolean stored;
    long timestamp = record.timestamp();
    if (held != null) {
      current = held.value();
      stored = held.stored();
      timestamp = Math.max(timestamp, held.timestamp());
    } else {
      ValueAndTimestamp<V> kept = store.get(key);
      current = kept == null ? null : kept.value();
      stored = kept != null;
    }
    changed.put(key, new Changed<>(rule.apply(key, record.value(), current), stored, timestamp));
  }

  private void commit() {
    if (changed.isEmpty()) {
      return;
    }
    // Inside run: the store's changelog writes need the record context it sets.
    forwarder.run(() -> changed.forEach((key, c) -> {
      if (c.value() == null) {
        if (!c.stored()) {
          return; // came and went between two commits: nothing to delete or to publish
        }
        store.delete(key);
      } else {
        if (negative.test(c.value())) {
          LOG.error("{} {} went negative ({}): a counting fault, please report it", storeName, key, c.value());
        }
        store.put(key, ValueAndTimestamp.make(c.value(), c.timestamp()));
      }
      forwarder.forward(new Record<>(key, c.value(), c.timestamp()));
    }));
    changed.clear();
  }
}
