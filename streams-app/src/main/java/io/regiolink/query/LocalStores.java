package io.regiolink.query;

import io.regiolink.avro.LinkCount;
import io.regiolink.avro.RegionSummary;
import io.regiolink.avro.internal.CompanyState;
import io.regiolink.avro.internal.HistoryPart;
import io.regiolink.avro.internal.LinkTotals;
import io.regiolink.footprint.FootprintRules;
import io.regiolink.footprint.LinkKey;
import io.regiolink.footprint.RegionKey;
import io.regiolink.history.HistoryRetention;
import io.regiolink.links.HeldCount;
import io.regiolink.links.LinksTopology;
import io.regiolink.sector.SectorGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.query.WindowRangeQuery;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads of this instance's own partitions of regiolink's stores (Kafka Streams interactive
 * queries v2, partition by partition). A partition this instance does not hold, or holds but
 * cannot serve yet (restoring, or a standby too far behind), comes back as unavailable, never as
 * empty: the caller decides whether to look elsewhere, retry or say 503.
 */
public final class LocalStores {
  /** The end of every history range: changes may lie up to a day ahead of the wall clock. */
  private static final Instant END_OF_TIME = Instant.ofEpochMilli(Long.MAX_VALUE);
  private final KafkaStreams streams;
  private final FootprintRules rules;

  public LocalStores(KafkaStreams streams, FootprintRules rules) {
    this.streams = streams;
    this.rules = rules;
  }

  /**
   * A point read of any store that has them, as another instance asks for it; of the counts as they
   * stood at {@code asOf} when it is not null (links and regions).
   */
  public LocalRead.Point<?> point(QueryableStore store, String key, int partition, ReadMode mode, Instant asOf) {
    if (asOf != null && store != QueryableStore.LINKS && store != QueryableStore.REGIONS) {
      throw new QueryException.Invalid("no history of " + store.storeName(), "leave out asOf");
    }
    return switch (store) {
      case LINKS -> asOf == null ? link(key, partition, mode) : link(key, partition, mode, asOf);
      case REGIONS -> asOf == null ? region(key, partition, mode) : region(key, partition, mode, asOf);
      case COMPANIES -> company(key, partition, mode);
      case LINKS_BY_DESTINATION, COVERAGE -> throw new QueryException.Invalid("no point reads of " + store.storeName(),
          "read it with a scan");
    };
  }

  /**
   * A scan of any store that has them, as another instance asks for it; of the counts as they
   * stood at the end of the day of {@code asOf} when it is not null (links and regions).
   */
  public LocalRead.Scan<?> scan(QueryableStore store, String prefix, String sector, Set<Integer> partitions,
      ReadMode mode, Instant asOf) {
    if (asOf != null) {
      return switch (store) {
        case LINKS, LINKS_BY_DESTINATION -> links(store, prefix, sector, partitions, mode, asOf);
        case REGIONS -> regions(prefix, sector, partitions, mode, asOf);
        case COVERAGE, COMPANIES -> throw new QueryException.Invalid("no history of " + store.storeName(),
            "leave out asOf");
      };
    }
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

  /** A link as it stood at {@code asOf}: exact to the event, from the link's entries in the exact history. */
  public LocalRead.Point<LinkView> link(String key, int partition, ReadMode mode, Instant asOf) {
    LinkKey link = LinkKey.parse(key).orElseThrow(() -> new QueryException.Invalid("bad link key '" + key + "'",
        "a link key is scheme:origin:destination:sector"));
    return rewound(QueryableStore.LINKS, LinksTopology.LINK_HISTORY_STORE, key, partition, mode, asOf,
        (LinkCount v) -> LinkView.of(v), (today, after) -> Rewind.link(link.scheme(), link.origin(),
            link.destination(), link.sector().name(), today, after));
  }

  /** A region summary as it stood at {@code asOf}, as {@link #link(String, int, ReadMode, Instant)}. */
  public LocalRead.Point<RegionView> region(String key, int partition, ReadMode mode, Instant asOf) {
    RegionKey region = RegionKey.parse(key).orElseThrow(() -> new QueryException.Invalid("bad region key '" + key
        + "'", "a region key is scheme:region:sector"));
    return rewound(QueryableStore.REGIONS, LinksTopology.REGION_HISTORY_STORE, key, partition, mode, asOf,
        (RegionSummary v) -> RegionView.of(v), (today, after) -> Rewind.region(region.scheme(), region.region(),
            region.sector().name(), today, after));
  }

  private <V, T> LocalRead.Point<T> rewound(QueryableStore store, String historyStore, String key, int partition,
      ReadMode mode, Instant asOf, Function<V, T> view, BiFunction<T, List<HistoryPart>, T> rewind) {
    // Today's count as committed, not as held between commits: the history is written at the commit too.
    LocalRead.Point<T> today = point(store, key, partition, mode, view, false);
    if (!today.available()) {
      return today;
    }
    StateQueryRequest<WindowStoreIterator<HistoryPart>> request = StateQueryRequest.inStore(historyStore)
        .withQuery(WindowKeyQuery.<String, HistoryPart>withKeyAndWindowStartRange(key, asOf.plusMillis(1), END_OF_TIME))
        .withPartitions(Set.of(partition));
    if (!mode.standby()) {
      request = request.requireActive();
    }
    List<HistoryPart> after = new ArrayList<>();
    try {
      QueryResult<WindowStoreIterator<HistoryPart>> result = streams.query(request).getPartitionResults().get(partition);
      if (result == null || result.isFailure()) {
        return LocalRead.Point.unavailable();
      }
      try (WindowStoreIterator<HistoryPart> it = result.getResult()) {
        it.forEachRemaining(kv -> after.add(kv.value));
      }
    } catch (InvalidStateStoreException e) {
      return LocalRead.Point.unavailable();
    }
    return new LocalRead.Point<>(rewind.apply(today.value(), after), true);
  }

  /**
   * Links as they stood at the end of the day of {@code asOf} (a day-resolution instant), one
   * partition at a time: today's scan minus the daily history of the days after. A partition
   * either store cannot read is unavailable as a whole.
   */
  public LocalRead.Scan<LinkView> links(QueryableStore store, String prefix, String sector, Set<Integer> partitions,
      ReadMode mode, Instant asOf) {
    Predicate<String> mine = historyKeys(store, prefix, sector);
    return dayByDay(LinksTopology.LINK_HISTORY_DAILY_STORE, partitions, mode, asOf, mine,
        p -> links(store, prefix, sector, Set.of(p), mode), Rewind::links);
  }

  /** Region summaries at the end of the day of {@code asOf}, as {@link #links(QueryableStore, String, String, Set, ReadMode, Instant)}. */
  public LocalRead.Scan<RegionView> regions(String prefix, String sector, Set<Integer> partitions, ReadMode mode,
      Instant asOf) {
    Predicate<String> mine = key -> key.startsWith(prefix) && key.endsWith(":" + sector);
    return dayByDay(LinksTopology.REGION_HISTORY_DAILY_STORE, partitions, mode, asOf, mine,
        p -> regions(prefix, sector, Set.of(p), mode), Rewind::regions);
  }

  private <T> LocalRead.Scan<T> dayByDay(String historyStore, Set<Integer> partitions, ReadMode mode, Instant asOf,
      Predicate<String> mine, Function<Integer, LocalRead.Scan<T>> today,
      BiFunction<List<T>, Map<String, List<HistoryPart>>, List<T>> rewind) {
    Instant firstDayAfter = HistoryRetention.startOf(HistoryRetention.day(asOf).plusDays(1));
    List<T> values = new ArrayList<>();
    Set<Integer> unavailable = new HashSet<>();
    for (int p : partitions) {
      Map<String, List<HistoryPart>> after = dailyChanges(historyStore, p, mode, firstDayAfter, mine);
      LocalRead.Scan<T> now = after == null ? null : today.apply(p);
      if (now == null || !now.unavailable().isEmpty()) {
        unavailable.add(p);
        continue;
      }
      values.addAll(rewind.apply(now.values(), after));
    }
    return new LocalRead.Scan<>(values, unavailable);
  }

  /** The daily history of one partition from {@code from} on, by key; null when the partition cannot be read here. */
  private Map<String, List<HistoryPart>> dailyChanges(String historyStore, int partition, ReadMode mode, Instant from,
      Predicate<String> mine) {
    if (!servable(historyStore, Set.of(partition), mode).contains(partition)) {
      return null;
    }
    StateQueryRequest<KeyValueIterator<Windowed<String>, HistoryPart>> request = StateQueryRequest
        .inStore(historyStore)
        .withQuery(WindowRangeQuery.<String, HistoryPart>withWindowStartRange(from, END_OF_TIME))
        .withPartitions(Set.of(partition));
    if (!mode.standby()) {
      request = request.requireActive();
    }
    Map<String, List<HistoryPart>> byKey = new HashMap<>();
    try {
      QueryResult<KeyValueIterator<Windowed<String>, HistoryPart>> result =
          streams.query(request).getPartitionResults().get(partition);
      if (result == null || result.isFailure()) {
        return null;
      }
      try (KeyValueIterator<Windowed<String>, HistoryPart> it = result.getResult()) {
        it.forEachRemaining(kv -> {
          if (mine.test(kv.key.key())) {
            byKey.computeIfAbsent(kv.key.key(), k -> new ArrayList<>()).add(kv.value);
          }
        });
      }
    } catch (InvalidStateStoreException e) {
      return null;
    }
    return byKey;
  }

  /**
   * Which link keys (scheme:origin:destination:sector) of the history a links read covers: the
   * links store's prefix is scheme:origin:, the index's scheme:sector: or scheme:sector:destination:.
   */
  private static Predicate<String> historyKeys(QueryableStore store, String prefix, String sector) {
    if (store == QueryableStore.LINKS) {
      return key -> key.startsWith(prefix) && key.endsWith(":" + sector);
    }
    String[] parts = prefix.split(":");
    String destination = parts.length > 2 ? parts[2] : null;
    return key -> LinkKey.parse(key).filter(l -> l.scheme().equals(parts[0]) && l.sector().name().equals(sector)
        && (destination == null || l.destination().equals(destination))).isPresent();
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
    return point(store, key, partition, mode, view, true);
  }

  /** @param heldFirst whether a count held between commits answers before the store */
  private <V, T> LocalRead.Point<T> point(QueryableStore store, String key, int partition, ReadMode mode,
      Function<V, T> view, boolean heldFirst) {
    if (!servable(store.storeName(), Set.of(partition), mode).contains(partition)) {
      return LocalRead.Point.unavailable();
    }
    if (heldFirst && !mode.standby()) {
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
    Set<Integer> asked = servable(store.storeName(), partitions, mode);
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
  private Set<Integer> servable(String store, Set<Integer> partitions, ReadMode mode) {
    if (!mode.standby()) {
      return new HashSet<>(partitions);
    }
    Set<Integer> servable = new HashSet<>();
    try {
      Map<Integer, LagInfo> lags = streams.allLocalStorePartitionLags().get(store);
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
