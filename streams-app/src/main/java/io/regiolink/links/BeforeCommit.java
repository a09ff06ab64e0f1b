package io.regiolink.links;

import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A store that holds nothing and tells its processor when the task is about to commit, so that
 * the processor can keep plain in-memory work between commits (sums, decoded values) and hand it
 * on in the commit's transaction.
 *
 * <p>Why this is exactly-once: Kafka Streams calls {@link #flushCache()} on every caching store of
 * a task before it commits the task (on the commit interval, on rebalance, on a clean close), and
 * before the producer is flushed and the offsets are sent with the transaction. That is how its
 * own record cache forwards KTable updates. Whatever the processor sends or writes to a logged
 * store in that call is in the same transaction as the input that made it; a crash loses only
 * the work of uncommitted input, which is read again. When a task is closed dirty
 * ({@link #clearCache()}) the processor drops what it holds: it belongs to uncommitted input.
 *
 * <p>{@code CachedStateStore} is in Kafka Streams' internals package: it is the only hook that
 * runs before a commit. Its use is pinned by the Kafka version in the parent pom and covered by
 * the counting tests against a real broker, which would miss counts if the hook stopped running.
 * A processor that writes to another store here must write to an uncached one: a cached store
 * may already have been flushed for this commit.
 *
 * <p>A processor may also let interactive queries see what it holds ({@link #register(Runnable,
 * Runnable, Function)}): a {@link KeyQuery} on this store then answers the processor's held value
 * for the key, or null when it holds none. Kafka Streams routes the query to the task of the
 * key's partition and refuses it where the task is not active here, as for any store.
 */
final class BeforeCommit implements StateStore, CachedStateStore<Object, Object> {
  private final String name;
  private Runnable onCommit = () -> {};
  private Runnable onDiscard = () -> {};
  private volatile Function<Object, Object> held = key -> null;
  private boolean open;

  BeforeCommit(String name) {
    this.name = name;
  }

  /**
   * @param commit runs just before each commit of the task
   * @param discard runs when the task is closed without a commit
   */
  void register(Runnable commit, Runnable discard) {
    this.onCommit = commit;
    this.onDiscard = discard;
  }

  /**
   * As {@link #register(Runnable, Runnable)}, and answers key queries with {@code held}: called
   * on query threads while the stream thread works, so it must read thread-safe state.
   */
  void register(Runnable commit, Runnable discard, Function<Object, Object> held) {
    register(commit, discard);
    this.held = held;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
    if (query instanceof KeyQuery<?, ?> keyQuery) {
      return QueryResult.forResult((R) held.apply(keyQuery.getKey()));
    }
    return QueryResult.forUnknownQueryType(query, this);
  }

  /** Nothing here is written from input offsets, so there is no position to bound a query by. */
  @Override
  public Position getPosition() {
    return Position.emptyPosition();
  }

  @Override
  public void flushCache() {
    onCommit.run();
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
    return false;
  }

  @Override
  public void clearCache() {
    onDiscard.run();
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
    onDiscard.run();
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

  /** Always unlogged and uncached: it holds nothing, so there is nothing to log. */
  static StoreBuilder<BeforeCommit> builder(String name) {
    return new StoreBuilder<>() {
      @Override
      public StoreBuilder<BeforeCommit> withCachingEnabled() {
        return this;
      }

      @Override
      public StoreBuilder<BeforeCommit> withCachingDisabled() {
        return this;
      }

      @Override
      public StoreBuilder<BeforeCommit> withLoggingEnabled(Map<String, String> config) {
        throw new UnsupportedOperationException(name + " holds nothing: it has no changelog");
      }

      @Override
      public StoreBuilder<BeforeCommit> withLoggingDisabled() {
        return this;
      }

      @Override
      public BeforeCommit build() {
        return new BeforeCommit(name);
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
