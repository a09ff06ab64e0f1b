package io.regiolink.links;

import io.regiolink.avro.internal.CountDelta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The delta sums of {@link DeltaCombiner} that wait for the next commit: a plain hash map, with no
 * store operations, serialization or changelog, emptied just before every commit.
 *
 * <p>Why this is exactly-once: Kafka Streams calls {@link #flushCache()} on every caching store of
 * a task before it commits the task (on the commit interval, on rebalance, on a clean close), and
 * before the producer is flushed and the offsets are sent with the transaction. That is how its
 * own record cache forwards KTable updates; here it hands the sums to the combiner, which sends
 * them on. So at every commit the map is empty: the sums of committed input have all left in the
 * same transaction, and a crash loses only sums of uncommitted input, which is read again.
 *
 * <p>{@code CachedStateStore} is in Kafka Streams' internals package: it is the only hook that
 * runs before a commit. Its use is pinned by the Kafka version in the parent pom and covered by
 * the counting tests against a real broker, which would miss counts if the hook stopped running.
 */
final class PendingDeltas implements StateStore, CachedStateStore<Object, Object> {
  /** A delta's target key and the alert window (bucket) its event time falls in. */
  record Slot(String key, long bucketMillis) {}

  private final String name;
  private final Map<Slot, PendingSum> sums = new HashMap<>();
  private Consumer<List<Map.Entry<Slot, CountDelta>>> onCommit = sums -> {};
  private boolean open;

  PendingDeltas(String name) {
    this.name = name;
  }

  /** Where the sums go before each commit: oldest event time first, then by key. */
  void beforeCommit(Consumer<List<Map.Entry<Slot, CountDelta>>> send) {
    this.onCommit = send;
  }

  void add(Slot slot, CountDelta delta) {
    PendingSum sum = sums.get(slot);
    if (sum == null) {
      sums.put(slot, new PendingSum(delta));
    } else {
      sum.add(delta);
    }
  }

  @Override
  public void flushCache() {
    if (sums.isEmpty()) {
      return;
    }
    List<Map.Entry<Slot, PendingSum>> pending = new ArrayList<>(sums.entrySet());
    sums.clear();
    pending.sort(Comparator.comparingLong((Map.Entry<Slot, PendingSum> e) -> e.getValue().eventTimeMillis())
        .thenComparing(e -> e.getKey().key()));
    List<Map.Entry<Slot, CountDelta>> out = new ArrayList<>(pending.size());
    pending.forEach(e -> out.add(Map.entry(e.getKey(), e.getValue().toDelta())));
    onCommit.accept(out);
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
    return false;
  }

  @Override
  public void clearCache() {
    // Called when a task is closed dirty: what is pending belongs to uncommitted input.
    sums.clear();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    context.register(root, (key, value) -> {
      throw new IllegalStateException(name + " has no changelog to restore from");
    });
    open = true;
  }

  @Override
  public void close() {
    sums.clear();
    open = false;
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  /** Always unlogged and uncached: the map is empty at every commit, so there is nothing to log. */
  static StoreBuilder<PendingDeltas> builder(String name) {
    return new StoreBuilder<>() {
      @Override
      public StoreBuilder<PendingDeltas> withCachingEnabled() {
        return this;
      }

      @Override
      public StoreBuilder<PendingDeltas> withCachingDisabled() {
        return this;
      }

      @Override
      public StoreBuilder<PendingDeltas> withLoggingEnabled(Map<String, String> config) {
        throw new UnsupportedOperationException(name + " is empty at every commit: it has no changelog");
      }

      @Override
      public StoreBuilder<PendingDeltas> withLoggingDisabled() {
        return this;
      }

      @Override
      public PendingDeltas build() {
        return new PendingDeltas(name);
      }

      @Override
      public Map<String, String> logConfig() {
        return Map.of();
      }

      @Override
      public boolean loggingEnabled() {
        return false;
      }

      @Override
      public String name() {
        return name;
      }
    };
  }
}
