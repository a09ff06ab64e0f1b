package io.regiolink.query;

import io.regiolink.avro.LinkCount;
import io.regiolink.avro.RegionSummary;
import io.regiolink.avro.internal.CompanyState;
import io.regiolink.avro.internal.LinkTotals;
import io.regiolink.footprint.FootprintRules;
import io.regiolink.footprint.LinkKey;
import io.regiolink.links.HeldCount;
import io.regiolink.links.LinksTopology;
import io.regiolink.sector.SectorGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Reads of this instance's own partitions of regiolink's stores (Kafka Streams interactive
 * queries v2, partition by partition). A partition this instance does not hold, or holds but
 * cannot serve yet (restoring, or a standby too far behind), comes back as unavailable, never as
 * empty: the caller decides whether to look elsewhere, retry or say 503.
 */
public final class LocalStores {
  private final KafkaStreams streams;
  private final FootprintRules rules;

  public LocalStores(KafkaStreams streams, FootprintRules rules) {
    this.streams = streams;
    this.rules = rules;
  }

  /** A point read of any store that has them, as another instance asks for it. */
  public LocalRead.Point<?> point(QueryableStore store, String key, int partition, ReadMode mode) {
    return switch (store) {
      case LINKS -> link(key, partition, mode);
      case REGIONS -> region(key, partition, mode);
      case COMPANIES -> company(key, partition, mode);
      case LINKS_BY_DESTINATION, COVERAGE -> throw new QueryException.Invalid("no point reads of " + store.storeName(),
          "read it with a scan");
    };
  }

  /** A scan of any store that has them, as another instance asks for it. */
  public LocalRead.Scan<?> scan(QueryableStore store, String prefix, String sector, Set<Integer> partitions,
      ReadMode mode) {
    return switch (store) {
      case LINKS, LINKS_BY_DESTINATION -> links(store, prefix, sector, partitions, mode);
      case REGIONS -> regions(prefix, sector, partitions, mode);
      case COVERAGE -> coverage(partitions, mode);
      case COMPANIES -> throw new QueryException.Invalid("no scans of " + store.storeName(), "read it key by key");
    };
  }

  public LocalRead.Point<LinkView> link(String key, int partition, ReadMode mode) {
    return point(QueryableStore.LINKS, key, partition, mode, (LinkCount v) -> LinkView.of(v));
  }

  public LocalRead.Point<RegionView> region(String key, int partition, ReadMode mode) {
    return point(QueryableStore.REGIONS, key, partition, mode, (RegionSummary v) -> RegionView.of(v));
  }

  public LocalRead.Point<CompanyView> company(String number, int partition, ReadMode mode) {
    return point(QueryableStore.COMPANIES, number, partition, mode, (CompanyState v) -> CompanyView.of(v, rules));
  }

  /**
   * Links whose store key starts with {@code prefix} in {@code store} (the links store for
   * "scheme:origin:", the by-destination index for "scheme:destination:", either for "scheme:").
   */
  public LocalRead.Scan<LinkView> links(QueryableStore store, String prefix, String sector, Set<Integer> partitions,
      ReadMode mode) {
    if (store == QueryableStore.LINKS_BY_DESTINATION) {
      // The prefix is scheme:sector: or scheme:sector:destination:, so every key read names both.
      // A key that is no index key (none is written) reads as null and is left out.
      String scheme = prefix.substring(0, Math.max(0, prefix.indexOf(':')));
      SectorGroup group = SectorGroup.parse(sector).orElse(null);
      return scan(store, prefix, partitions, mode, (String k, LinkTotals v) -> group == null ? null
          : LinkKey.ofIndexKey(scheme, group, k).map(key -> LinkView.ofIndexed(key, v)).orElse(null),
          Objects::nonNull);
    }
    return scan(store, prefix, partitions, mode, (String k, LinkCount v) -> LinkView.of(v),
        l -> l.sector().equals(sector));
  }

  public LocalRead.Scan<RegionView> regions(String prefix, String sector, Set<Integer> partitions, ReadMode mode) {
    return scan(QueryableStore.REGIONS, prefix, partitions, mode, (String k, RegionSummary v) -> RegionView.of(v),
        r -> r.sector().equals(sector));
  }

  /** Every coverage measure of these partitions, one entry per measure and partition (the caller adds them up). */
  public LocalRead.Scan<CoverageView.Entry> coverage(Set<Integer> partitions, ReadMode mode) {
    return scan(QueryableStore.COVERAGE, "", partitions, mode, (String k, Long v) -> new CoverageView.Entry(k, v),
        e -> true);
  }

  private <V, T> LocalRead.Point<T> point(QueryableStore store, String key, int partition, ReadMode mode, Function<V, T> view) {
    if (!servable(store, Set.of(partition), mode).contains(partition)) {
      return LocalRead.Point.unavailable();
    }
    if (!mode.standby()) {
      Optional<HeldCount<V>> held = held(store, key, partition);
      if (held.isPresent()) {
        V value = held.get().value();
        return new LocalRead.Point<>(value == null ? null : view.apply(value), true);
      }
    }
    StateQueryRequest<V> request = StateQueryRequest.inStore(store.storeName()).withQuery(KeyQuery.<String, V>withKey(key))
        .withPartitions(Set.of(partition));
    if (!mode.standby()) {
      request = request.requireActive();
    }
    try {
      QueryResult<V> result = streams.query(request).getPartitionResults().get(partition);
      if (result == null || result.isFailure()) {
        return LocalRead.Point.unavailable();
      }
      V value = result.getResult();
      return new LocalRead.Point<>(value == null ? null : view.apply(value), true);
    } catch (InvalidStateStoreException e) {
      return LocalRead.Point.unavailable();
    }
  }

  /**
   * The count the active task holds for {@code key} between commits, if it holds one: a change
   * reaches point queries a commit sooner ({@link LinksTopology#heldCountsOf}). Empty for other
   * stores, and where the task cannot be asked: the store read then decides.
   */
  private <V> Optional<HeldCount<V>> held(QueryableStore store, String key, int partition) {
    Optional<String> hook = LinksTopology.heldCountsOf(store.storeName());
    if (hook.isEmpty()) {
      return Optional.empty();
    }
    StateQueryRequest<HeldCount<V>> request = StateQueryRequest.inStore(hook.get())
        .withQuery(KeyQuery.<String, HeldCount<V>>withKey(key)).withPartitions(Set.of(partition)).requireActive();
    try {
      QueryResult<HeldCount<V>> result = streams.query(request).getPartitionResults().get(partition);
      return result == null || result.isFailure() ? Optional.empty() : Optional.ofNullable(result.getResult());
    } catch (InvalidStateStoreException e) {
      return Optional.empty();
    }
  }

  private <V, T> LocalRead.Scan<T> scan(QueryableStore store, String prefix, Set<Integer> partitions, ReadMode mode,
      BiFunction<String, V, T> view, Predicate<T> keep) {
    List<T> values = new ArrayList<>();
    Set<Integer> unavailable = new HashSet<>();
    Set<Integer> asked = servable(store, partitions, mode);
    for (int p : partitions) {
      if (!asked.contains(p)) {
        unavailable.add(p);
      }
    }
    if (asked.isEmpty()) {
      return new LocalRead.Scan<>(values, unavailable);
    }
    // Keys are ASCII (scheme, region codes, sector tokens), so prefix + U+FFFF bounds the range.
    StateQueryRequest<KeyValueIterator<String, V>> request = StateQueryRequest.inStore(store.storeName())
        .withQuery(RangeQuery.<String, V>withRange(prefix, prefix + '\uffff')).withPartitions(asked);
    if (!mode.standby()) {
      request = request.requireActive();
    }
    StateQueryResult<KeyValueIterator<String, V>> result;
    try {
      result = streams.query(request);
    } catch (InvalidStateStoreException e) {
      unavailable.addAll(asked);
      return new LocalRead.Scan<>(values, unavailable);
    }
    for (int p : asked) {
      QueryResult<KeyValueIterator<String, V>> partition = result.getPartitionResults().get(p);
      if (partition == null || partition.isFailure()) {
        unavailable.add(p);
        continue;
      }
      try (KeyValueIterator<String, V> it = partition.getResult()) {
        it.forEachRemaining(kv -> {
          T value = view.apply(kv.key, kv.value);
          if (keep.test(value)) {
            values.add(value);
          }
        });
      }
    }
    // Every iterator handed back is closed, including those of partitions not read above.
    result.getPartitionResults().forEach((p, r) -> {
      if (!asked.contains(p) && r.isSuccess() && r.getResult() != null) {
        r.getResult().close();
      }
    });
    return new LocalRead.Scan<>(values, unavailable);
  }

  /** Whether every given partition of a store can be read here as active right now. */
  public boolean queryable(QueryableStore store, Set<Integer> partitions) {
    if (partitions.isEmpty()) {
      return true;
    }
    StateQueryRequest<Object> request = StateQueryRequest.inStore(store.storeName()).withQuery(KeyQuery.<String, Object>withKey(""))
        .withPartitions(partitions).requireActive();
    try {
      StateQueryResult<Object> result = streams.query(request);
      return partitions.stream().allMatch(p -> {
        QueryResult<Object> r = result.getPartitionResults().get(p);
        return r != null && r.isSuccess();
      });
    } catch (InvalidStateStoreException e) {
      return false;
    }
  }

  /**
   * The partitions that may answer: all of them for active reads (the query itself then checks
   * they are active here); for stale reads those within the lag bound. The lags are fetched once
   * per read, as each fetch asks the brokers for end offsets.
   */
  private Set<Integer> servable(QueryableStore store, Set<Integer> partitions, ReadMode mode) {
    if (!mode.standby()) {
      return new HashSet<>(partitions);
    }
    Set<Integer> servable = new HashSet<>();
    try {
      Map<Integer, LagInfo> lags = streams.allLocalStorePartitionLags().get(store.storeName());
      for (int p : partitions) {
        LagInfo lag = lags == null ? null : lags.get(p);
        if (lag != null && lag.offsetLag() <= mode.maxLag()) {
          servable.add(p);
        }
      }
    } catch (InvalidStateStoreException | IllegalStateException e) {
      // not running: nothing is servable
    }
    return servable;
  }
}
