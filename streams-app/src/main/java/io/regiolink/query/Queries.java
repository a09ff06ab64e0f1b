package io.regiolink.query;

import io.regiolink.company.CompanyNumber;
import io.regiolink.footprint.FootprintRules;
import io.regiolink.footprint.LinkKey;
import io.regiolink.footprint.RegionKey;
import io.regiolink.geo.Region;
import io.regiolink.geo.RegionScheme;
import io.regiolink.sector.SectorGroup;
import io.regiolink.history.HistoryRetention;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's queries over the whole application, whichever instance is asked. A point query goes
 * to the instance holding the key's partition; a region, matrix or hub query reads every partition
 * from the instance holding it and merges. A partition that cannot be read is retried on fresh
 * metadata, then read from a standby if the operator allowed stale reads, and otherwise the answer
 * is a 503 (or, when the caller asked for it, a partial answer that says so). Never silently short.
 */
public final class Queries {
  private static final Logger LOG = LoggerFactory.getLogger(Queries.class);

  private final Cluster cluster;
  private final LocalStores local;
  private final PeerClient peers;
  private final FootprintRules rules;
  private final QuerySettings settings;
  private final HistoryRetention history;
  private final Clock clock;

  public Queries(Cluster cluster, LocalStores local, PeerClient peers, FootprintRules rules, QuerySettings settings,
      HistoryRetention history, Clock clock) {
    this.cluster = cluster;
    this.local = local;
    this.peers = peers;
    this.rules = rules;
    this.settings = settings;
    this.history = history;
    this.clock = clock;
  }

  /**
   * The instant an answer reflects ({@code at}), and the past instant whose history it reads, null
   * for today's counts.
   */
  public record Moment(Instant at, Instant past) {
    public boolean today() {
      return past == null;
    }
  }

  /** How far back the history reaches: the retention, and the earliest day an asOf can ask for now. */
  public record Reach(String retention, LocalDate earliest) {}

  public Reach reach() {
    return new Reach(history.toString(), history.earliestDay(clock.instant()));
  }

  /**
   * The instant to answer for: today's counts without {@code asOf} or for an instant not yet
   * passed; otherwise the instant itself, or for {@code days} (matrices, hubs, a region's links)
   * the end of the last day passed by then. Refused when the history no longer reaches it.
   */
  public Moment moment(Optional<Instant> asOf, boolean days) {
    Instant now = clock.instant();
    if (asOf.isEmpty()) {
      return new Moment(now, null);
    }
    Instant at = days ? HistoryRetention.dayResolution(asOf.get()) : asOf.get();
    if (!at.isBefore(now)) {
      return new Moment(now, null);
    }
    if (!history.covers(at, now)) {
      LocalDate earliest = history.earliestDay(now);
      throw new QueryException.Invalid("asOf " + asOf.get() + " is before the retained history: the earliest date"
          + " available is " + earliest + (days ? "" : " (the earliest instant " + history.start(now) + ")"),
          "ask for " + earliest + " or later; history.retention (" + history + ") sets how far back"
              + " the history reaches");
    }
    return new Moment(at, at);
  }

  /** A gathered answer, and whether some partitions are missing from it (only when the caller allowed it). */
  public record Gathered<T>(List<T> values, boolean partial) {}

  // ---- validation shared by every endpoint ----

  public RegionScheme scheme(String name) {
    return rules.geography().scheme(name).orElseThrow(() -> new QueryException.NotFound("unknown scheme '" + name + "'",
        "known schemes: " + String.join(", ", rules.geography().schemeNames())));
  }

  /** A region of the scheme; {@code UNRESOLVED} too where {@code unresolvedOk} (region summaries). */
  public String region(RegionScheme scheme, String code, boolean unresolvedOk) {
    if (scheme.region(code).isPresent() || (unresolvedOk && RegionKey.UNRESOLVED.equals(code))) {
      return code;
    }
    throw new QueryException.NotFound("unknown region '" + code + "' in scheme " + scheme.name(),
        "GET /api/v1/schemes/" + scheme.name() + "/regions lists its " + scheme.regions().size() + " regions");
  }

  public String regionName(RegionScheme scheme, String code) {
    return scheme.region(code).map(Region::name).orElse(code);
  }

  // ---- point queries ----

  /** The caller's read options, refused when they ask for stale reads this deployment does not allow. */
  public ReadOptions options(boolean allowPartial, boolean allowStale) {
    if (allowStale && !settings.standbyReads()) {
      throw new QueryException.Invalid("stale reads are switched off",
          "this deployment sets query.standby.max.lag=-1, so only active stores answer; leave out allowStale");
    }
    return new ReadOptions(allowPartial, allowStale);
  }

  public LinkView link(LinkKey key, ReadOptions options, Moment moment) {
    return point(QueryableStore.LINKS, key.asString(), LinkView.class, options, moment.past(),
        (p, mode) -> moment.today() ? local.link(key.asString(), p, mode)
            : local.link(key.asString(), p, mode, moment.past()))
        .orElse(LinkView.none(key));
  }

  public RegionView region(RegionKey key, ReadOptions options, Moment moment) {
    return point(QueryableStore.REGIONS, key.asString(), RegionView.class, options, moment.past(),
        (p, mode) -> moment.today() ? local.region(key.asString(), p, mode)
            : local.region(key.asString(), p, mode, moment.past()))
        .orElse(RegionView.none(key.scheme(), key.region(), key.sector().name()));
  }

  public CompanyView company(String raw, ReadOptions options) {
    String number = CompanyNumber.normalise(raw).orElseThrow(() -> new QueryException.Invalid(
        "bad company number '" + raw + "'",
        "a company number is 8 digits (shorter ones are zero-padded) or 2 letters and up to 6 digits, e.g. SC001234"));
    return point(QueryableStore.COMPANIES, number, CompanyView.class, options, null,
        (p, mode) -> local.company(number, p, mode))
        .orElseThrow(() -> new QueryException.NotFound("unknown company '" + number + "'",
            "no profile or trading-site list with this number has been counted"));
  }

  private interface LocalPoint<T> {
    LocalRead.Point<T> read(int partition, ReadMode mode);
  }

  private <T> Optional<T> point(QueryableStore store, String key, Class<T> type, ReadOptions options, Instant asOf,
      LocalPoint<T> localRead) {
    for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
      Optional<KeyQueryMetadata> owner = owner(store, key);
      if (owner.isPresent()) {
        int partition = owner.get().partition();
        List<HostInfo> hosts = new ArrayList<>();
        hosts.add(owner.get().activeHost());
        if (options.allowStale()) {
          hosts.addAll(owner.get().standbyHosts());
        }
        for (int i = 0; i < hosts.size(); i++) {
          HostInfo host = hosts.get(i);
          if (host == null || host.port() < 0) {
            continue;
          }
          ReadMode mode = i == 0 ? ReadMode.ACTIVE : ReadMode.standby(settings.standbyMaxLag());
          LocalRead.Point<T> read = host.equals(cluster.self()) ? localRead.read(partition, mode)
              : await(peers.point(host, store, key, partition, mode, asOf, type), LocalRead.Point::unavailable);
          if (read.available()) {
            return Optional.ofNullable(read.value());
          }
        }
      }
      pause(attempt);
    }
    throw unavailable("the partition of " + store.storeName() + " key '" + key + "'");
  }

  private Optional<KeyQueryMetadata> owner(QueryableStore store, String key) {
    try {
      return cluster.owner(store, key);
    } catch (InvalidStateStoreException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  // ---- gathered queries ----

  public Gathered<LinkView> linksFrom(String scheme, String origin, SectorGroup sector, ReadOptions options,
      Moment moment) {
    return gatherLinks(QueryableStore.LINKS, scheme + ":" + origin + ":", sector, options, moment);
  }

  public Gathered<LinkView> linksInto(String scheme, String destination, SectorGroup sector, ReadOptions options,
      Moment moment) {
    return gatherLinks(QueryableStore.LINKS_BY_DESTINATION, LinkKey.bySector(scheme, sector) + destination + ":",
        sector, options, moment);
  }

  public Gathered<LinkView> allLinks(String scheme, SectorGroup sector, ReadOptions options, Moment moment) {
    // The index holds each scheme and sector as one range; the links store would need every sector read.
    return gatherLinks(QueryableStore.LINKS_BY_DESTINATION, LinkKey.bySector(scheme, sector), sector, options, moment);
  }

  /** Every region summary of a scheme and sector; for a past moment, at day resolution. */
  public Gathered<RegionView> regions(String scheme, SectorGroup sector, ReadOptions options, Moment moment) {
    return gather(QueryableStore.REGIONS, RegionView.class, options, moment.past(),
        (parts, mode) -> moment.today() ? local.regions(scheme + ":", sector.name(), parts, mode)
            : local.regions(scheme + ":", sector.name(), parts, mode, moment.past()),
        scheme + ":", sector.name());
  }

  /** The coverage measures of every partition, added up; partial only where the caller allowed it. */
  public CoverageView coverage(ReadOptions options) {
    Gathered<CoverageView.Entry> entries = gather(QueryableStore.COVERAGE, CoverageView.Entry.class, options, null,
        (parts, mode) -> local.coverage(parts, mode), "", SectorGroup.ALL.name());
    return CoverageView.of(entries.values(), entries.partial());
  }

  private Gathered<LinkView> gatherLinks(QueryableStore store, String prefix, SectorGroup sector, ReadOptions options,
      Moment moment) {
    return gather(store, LinkView.class, options, moment.past(),
        (parts, mode) -> moment.today() ? local.links(store, prefix, sector.name(), parts, mode)
            : local.links(store, prefix, sector.name(), parts, mode, moment.past()),
        prefix, sector.name());
  }

  private interface LocalScan<T> {
    LocalRead.Scan<T> read(Set<Integer> partitions, ReadMode mode);
  }

  private <T> Gathered<T> gather(QueryableStore store, Class<T> type, ReadOptions options, Instant asOf,
      LocalScan<T> localRead, String prefix, String sector) {
    List<T> values = new ArrayList<>();
    Set<Integer> pending = new TreeSet<>();
    for (int p = 0; p < cluster.partitions(); p++) {
      pending.add(p);
    }
    for (int attempt = 1; attempt <= settings.attempts() && !pending.isEmpty(); attempt++) {
      Map<Integer, Cluster.Holders> placement;
      try {
        placement = cluster.placement(store);
      } catch (InvalidStateStoreException | IllegalStateException e) {
        pause(attempt);
        continue;
      }
      Scan<T> scan = new Scan<>(store, type, localRead, prefix, sector, asOf);
      readRound(scan, pending, values, placement, ReadMode.ACTIVE);
      if (options.allowStale() && !pending.isEmpty()) {
        readRound(scan, pending, values, placement, ReadMode.standby(settings.standbyMaxLag()));
      }
      if (!pending.isEmpty() && attempt < settings.attempts()) {
        pause(attempt);
      }
    }
    if (pending.isEmpty()) {
      return new Gathered<>(values, false);
    }
    if (options.allowPartial()) {
      LOG.debug("Partial answer from {}: partitions {} unavailable", store, pending);
      return new Gathered<>(values, true);
    }
    throw unavailable("partitions " + pending + " of " + store.storeName());
  }

  /** What a gathered read asks of each partition's holder. */
  private record Scan<T>(QueryableStore store, Class<T> type, LocalScan<T> localRead, String prefix, String sector,
      Instant asOf) {}

  /** One round: every pending partition asked of one holder; what answers leaves {@code pending}. */
  private <T> void readRound(Scan<T> scan, Set<Integer> pending, List<T> values,
      Map<Integer, Cluster.Holders> placement, ReadMode mode) {
    Map<HostInfo, Set<Integer>> byHost = new HashMap<>();
    for (int p : pending) {
      Cluster.Holders holders = placement.get(p);
      HostInfo host = mode.standby()
          ? (holders.standbys().isEmpty() ? null : holders.standbys().get(0))
          : holders.active();
      if (host != null) {
        byHost.computeIfAbsent(host, h -> new HashSet<>()).add(p);
      }
    }
    Map<HostInfo, CompletableFuture<LocalRead.Scan<T>>> remote = new HashMap<>();
    byHost.forEach((host, parts) -> {
      if (!host.equals(cluster.self())) {
        remote.put(host, peers.scan(host, scan.store(), scan.prefix(), scan.sector(), parts, mode, scan.asOf(),
            scan.type()));
      }
    });
    List<LocalRead.Scan<T>> reads = new ArrayList<>();
    if (byHost.containsKey(cluster.self())) {
      reads.add(scan.localRead().read(byHost.get(cluster.self()), mode));
    }
    remote.forEach((host, call) -> reads.add(await(call, () -> new LocalRead.Scan<>(List.of(), byHost.get(host)))));
    for (LocalRead.Scan<T> read : reads) {
      values.addAll(read.values());
    }
    Set<Integer> answered = new HashSet<>();
    byHost.forEach((host, parts) -> answered.addAll(parts));
    reads.forEach(r -> answered.removeAll(r.unavailable()));
    pending.removeAll(answered);
  }

  private <A> A await(CompletableFuture<A> call, Supplier<A> onFailure) {
    try {
      return call.get(settings.peerTimeout().toMillis() + 500, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return onFailure.get();
    } catch (ExecutionException | TimeoutException e) {
      call.cancel(true);
      LOG.debug("Peer call failed: {}", e.getCause() == null ? e.toString() : e.getCause().toString());
      return onFailure.get();
    }
  }

  private void pause(int attempt) {
    try {
      Thread.sleep(settings.backoff().multipliedBy(attempt).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private QueryException.Unavailable unavailable(String what) {
    return new QueryException.Unavailable(what + " cannot be read right now (the application is rebalancing or restoring"
        + " state, or an instance is away); retry shortly; or pass allowStale=true to accept standby copies, or allowPartial=true"
        + " (region, matrix and hub queries) to accept an answer without them",
        settings.retryAfter());
  }
}
