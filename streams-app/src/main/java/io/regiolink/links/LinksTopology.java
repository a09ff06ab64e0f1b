package io.regiolink.links;

import io.regiolink.footprint.LinkKey;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.LinkCount;
import io.regiolink.avro.RegionSummary;
import io.regiolink.avro.RejectedRecord;
import io.regiolink.avro.TradingSites;
import io.regiolink.avro.internal.CompanyState;
import io.regiolink.avro.internal.CompanyUpdate;
import io.regiolink.avro.internal.CountDelta;
import io.regiolink.avro.internal.CountDeltaBatch;
import io.regiolink.avro.internal.DeltaTarget;
import io.regiolink.avro.internal.HistoryPart;
import io.regiolink.avro.internal.LinkTotals;
import io.regiolink.company.InputRules;
import io.regiolink.footprint.FootprintRules;
import io.regiolink.registry.SerdeFactory;
import io.regiolink.topics.Topics;
import io.regiolink.history.HistoryRetention;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The counting topology: input gate -> per-company latest state -> contribution deltas ->
 * link counts and region summaries, in named, queryable stores, published to the links and
 * regions topics. Every store and internal topic is named, so the topology can evolve without
 * losing state to renumbered names.
 */
public final class LinksTopology {
  public static final String COMPANY_STORE = "company-state";
  public static final String LINKS_STORE = "links";
  public static final String REGIONS_STORE = "regions";
  /**
   * The links again, keyed {@code scheme:sector:destination:origin} ({@link LinkKey#byDestination}):
   * "who trades into region X" and a whole matrix are then one prefix range per partition each, as
   * "where do firms of X trade" is on {@link #LINKS_STORE}. Same partitions and tasks as the links
   * store, written from its committed changes.
   */
  public static final String LINKS_BY_DESTINATION_STORE = "links-by-destination";
  /**
   * Coverage measures ({@link io.regiolink.footprint.Coverage}) of this partition's companies and
   * rejected records: counts keyed by measure, to be summed over every partition.
   */
  public static final String COVERAGE_STORE = "coverage";
  /**
   * The history of the links and of the region summaries ({@link HistoryRecorder}): window stores
   * with the count stores' keys and partitions, one exact (an entry per instant a count changed)
   * and one daily (an entry per day) for each.
   */
  public static final String LINK_HISTORY_STORE = "link-history";
  public static final String LINK_HISTORY_DAILY_STORE = "link-history-daily";
  public static final String REGION_HISTORY_STORE = "region-history";
  public static final String REGION_HISTORY_DAILY_STORE = "region-history-daily";
  // Stores that hold nothing and tell the company changes, the delta combiner and the two count
  // processors when their task is about to commit.
  static final String COMPANY_STATES_HOOK = "pending-company-states";
  static final String DELTA_SUMS_HOOK = "pending-delta-sums";
  static final String LINK_COUNTS_HOOK = "pending-link-counts";
  static final String REGION_COUNTS_HOOK = "pending-region-counts";
  static final String LINK_HISTORY_HOOK = "pending-link-history";
  static final String REGION_HISTORY_HOOK = "pending-region-history";

  private LinksTopology() {}

  /**
   * The store that answers key queries with the counts a count store's task holds between
   * commits ({@link HeldCount}); empty for stores written as their input arrives.
   */
  public static Optional<String> heldCountsOf(String storeName) {
    return switch (storeName) {
      case LINKS_STORE -> Optional.of(LINK_COUNTS_HOOK);
      case REGIONS_STORE -> Optional.of(REGION_COUNTS_HOOK);
      default -> Optional.empty();
    };
  }

  /** The count deltas, keyed and partitioned by link and by region key, for what builds on the counts (alerts). */
  public record Deltas(KStream<String, CountDelta> links, KStream<String, CountDelta> regions) {}

  /**
   * @param bucketOf the start of the time bucket (alert window) of an event time: deltas are summed
   *     before the repartition topic ({@link DeltaCombiner}), but never across two buckets
   * @param countPartitions the partitions of the count stores (and of the delta batch topics that feed them)
   * @param history how far back the counts' history is kept
   */
  public static Deltas addTo(StreamsBuilder builder, FootprintRules rules, UnaryOperator<Instant> bucketOf,
      int countPartitions, HistoryRetention history, SerdeFactory serdes) {
    Serde<CompanyUpdate> updateSerde = serdes.valueSerde(CompanyUpdate.class);
    Serde<CountDeltaBatch> batchSerde = serdes.valueSerde(CountDeltaBatch.class);
    Serde<CompanyProfileEvent> profileSerde = serdes.valueSerde(CompanyProfileEvent.class);
    Serde<TradingSites> sitesSerde = serdes.valueSerde(TradingSites.class);

    // Raw bytes in, so that undecodable records reach the gate and the rejected topic instead of
    // failing the stream thread in a deserialization handler.
    KStream<String, Gated> profiles = builder
        .stream(Topics.PROFILES.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("profiles-in"))
        .process(() -> new InputGate<CompanyProfileEvent>(profileSerde.deserializer(), serdes::classify, InputRules::profile),
            Named.as("profile-gate"));
    KStream<String, Gated> sites = builder
        .stream(Topics.TRADING_SITES.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("sites-in"))
        .process(() -> new InputGate<TradingSites>(sitesSerde.deserializer(), serdes::classify, InputRules::sites),
            Named.as("sites-gate"));

    Map<String, KStream<String, Gated>> gated = profiles.merge(sites, Named.as("inputs"))
        .split(Named.as("gate-"))
        .branch((key, g) -> g.rejected() != null, Branched.as("rejected"))
        .branch((key, g) -> g.rekeyed(), Branched.as("rekeyed"))
        .defaultBranch(Branched.as("in-place"));
    gated.get("gate-rejected")
        .mapValues(Gated::rejected, Named.as("rejected-value"))
        .to(Topics.REJECTED.name(), Produced.with(Serdes.String(), serdes.valueSerde(RejectedRecord.class))
            .withName("rejected-out"));

    // A handful of keys, each changed by almost every record: cached, they reach RocksDB and the
    // changelog once per commit instead of several times per record.
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COVERAGE_STORE),
        Serdes.String(), Serdes.Long()).withCachingEnabled());
    // Every rejection, the connectors' too, counted by reason for GET /coverage. It shares the
    // coverage store, so it runs in the counting tasks; the topics have the same partition count.
    builder.stream(Topics.REJECTED.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("rejected-in"))
        .process(() -> new RejectedCounts(COVERAGE_STORE, serdes.valueSerde(RejectedRecord.class).deserializer()),
            Named.as("rejected-counts"), COVERAGE_STORE);

    // Records already keyed by the normalised number are on their company's partition; only the
    // others pay for a trip through the repartition topic. Order between the two paths does not
    // matter: latest-wins compares event versions, not arrival order.
    KStream<String, CompanyUpdate> inPlace = gated.get("gate-in-place").mapValues(Gated::update, Named.as("in-place-update"));
    KStream<String, CompanyUpdate> moved = gated.get("gate-rekeyed").mapValues(Gated::update, Named.as("rekeyed-update"))
        .repartition(Repartitioned.with(Serdes.String(), updateSerde).withName("company-updates"));

    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COMPANY_STORE),
        Serdes.String(), serdes.valueSerde(CompanyState.class)));
    builder.addStateStore(BeforeCommit.builder(COMPANY_STATES_HOOK));
    builder.addStateStore(BeforeCommit.builder(DELTA_SUMS_HOOK));
    DeltaBatches batches = new DeltaBatches(countPartitions);
    KStream<String, CountDeltaBatch> deltaBatches = inPlace.merge(moved, Named.as("company-updates-merged"))
        .process(() -> new CompanyChanges(COMPANY_STORE, COVERAGE_STORE, COMPANY_STATES_HOOK, rules, history),
            Named.as("company-changes"), COMPANY_STORE, COVERAGE_STORE, COMPANY_STATES_HOOK)
        .process(() -> new DeltaCombiner(DELTA_SUMS_HOOK, bucketOf, batches), Named.as("delta-sums"), DELTA_SUMS_HOOK);

    Map<String, KStream<String, CountDeltaBatch>> byTarget = deltaBatches.split(Named.as("deltas-"))
        .branch((key, b) -> b.getTarget() == DeltaTarget.LINK, Branched.as("links"))
        .defaultBranch(Branched.as("regions"));

    // Each batch is sent to the partition that owns its keys, and unpacked there into one record
    // per key: the keys are then where Kafka Streams' own partitioning would have put them, so
    // the stores, the alerts on the same partitions and interactive queries all agree.
    KStream<String, CountDelta> linkDeltas = unpack(byTarget.get("deltas-links"), "link-delta-batches", batches,
        batchSerde);
    KStream<String, CountDelta> regionDeltas = unpack(byTarget.get("deltas-regions"), "region-delta-batches", batches,
        batchSerde);

    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LINKS_BY_DESTINATION_STORE),
        Serdes.String(), serdes.valueSerde(LinkTotals.class)));
    builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(LINKS_STORE),
        Serdes.String(), serdes.valueSerde(LinkCount.class)));
    builder.addStateStore(BeforeCommit.builder(LINK_COUNTS_HOOK));
    linkDeltas
        .process(() -> new Counts<LinkCount>(LINKS_STORE, LINK_COUNTS_HOOK, LinksTopology::applyLink,
            LinksTopology::negative), Named.as("link-counts"),
            LINKS_STORE, LINK_COUNTS_HOOK)
        .processValues(() -> new DestinationIndex(LINKS_BY_DESTINATION_STORE), Named.as("links-by-destination-index"),
            LINKS_BY_DESTINATION_STORE)
        .to(Topics.LINKS.name(), Produced.with(Serdes.String(), serdes.valueSerde(LinkCount.class)).withName("links-out"));

    builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
        Stores.persistentTimestampedKeyValueStore(REGIONS_STORE), Serdes.String(), serdes.valueSerde(RegionSummary.class)));
    builder.addStateStore(BeforeCommit.builder(REGION_COUNTS_HOOK));
    regionDeltas
        .process(() -> new Counts<RegionSummary>(REGIONS_STORE, REGION_COUNTS_HOOK, LinksTopology::applyRegion,
            LinksTopology::negative),
            Named.as("region-summaries"), REGIONS_STORE, REGION_COUNTS_HOOK)
        .to(Topics.REGIONS.name(), Produced.with(Serdes.String(), serdes.valueSerde(RegionSummary.class))
            .withName("regions-out"));
    Serde<HistoryPart> partSerde = serdes.valueSerde(HistoryPart.class);
    recordHistory(builder, linkDeltas, LINK_HISTORY_STORE, LINK_HISTORY_DAILY_STORE, LINK_HISTORY_HOOK, history,
        partSerde);
    recordHistory(builder, regionDeltas, REGION_HISTORY_STORE, REGION_HISTORY_DAILY_STORE, REGION_HISTORY_HOOK,
        history, partSerde);
    return new Deltas(linkDeltas, regionDeltas);
  }

  private static void recordHistory(StreamsBuilder builder, KStream<String, CountDelta> deltas, String exactStore,
      String dailyStore, String hook, HistoryRetention history, Serde<HistoryPart> serde) {
    builder.addStateStore(HistoryRecorder.store(exactStore, history, Duration.ofMillis(1), serde));
    builder.addStateStore(HistoryRecorder.store(dailyStore, history, Duration.ofDays(1), serde));
    builder.addStateStore(BeforeCommit.builder(hook));
    deltas.process(() -> new HistoryRecorder(exactStore, dailyStore, hook), Named.as(exactStore + "-recorder"),
        exactStore, dailyStore, hook);
  }

  private static KStream<String, CountDelta> unpack(KStream<String, CountDeltaBatch> batched, String topic,
      DeltaBatches batches, Serde<CountDeltaBatch> batchSerde) {
    return batched
        .repartition(Repartitioned.with(Serdes.String(), batchSerde).withName(topic)
            .withNumberOfPartitions(batches.partitions()).withStreamPartitioner(batches))
        .flatMap((partition, batch) -> batch.getDeltas().stream().map(d -> KeyValue.pair(d.getKey(), d.getDelta())).toList(),
            Named.as(topic + "-unpacked"));
  }

  static boolean negative(LinkCount link) {
    return link.getCompanies() < 0 || link.getSites() < 0;
  }

  static boolean negative(RegionSummary r) {
    return r.getRegistered() < 0 || r.getOutbound() < 0 || r.getInbound() < 0 || r.getSitesIn() < 0
        || r.getUnresolvedSites() < 0;
  }

  /** Adds a delta to a link; null (a tombstone, and the key leaves the store) when it reaches zero. */
  static LinkCount applyLink(String key, CountDelta d, LinkCount current) {
    long companies = (current == null ? 0 : current.getCompanies()) + d.getCompanies();
    long sites = (current == null ? 0 : current.getSites()) + d.getSites();
    if (companies == 0 && sites == 0) {
      return null;
    }
    return LinkCount.newBuilder().setScheme(d.getScheme()).setOrigin(d.getOrigin()).setDestination(d.getDestination())
        .setSector(d.getSector()).setCompanies(companies).setSites(sites)
        .setAsOf(later(current == null ? null : current.getAsOf(), d.getEventTime())).build();
  }

  /** Adds a delta to a region summary; null when every measure is back to zero. */
  static RegionSummary applyRegion(String key, CountDelta d, RegionSummary current) {
    RegionSummary.Builder next = RegionSummary.newBuilder().setScheme(d.getScheme()).setRegion(regionOf(d))
        .setSector(d.getSector())
        .setRegistered((current == null ? 0 : current.getRegistered()) + d.getRegistered())
        .setOutbound((current == null ? 0 : current.getOutbound()) + d.getOutbound())
        .setInbound((current == null ? 0 : current.getInbound()) + d.getInbound())
        .setSitesIn((current == null ? 0 : current.getSitesIn()) + d.getSitesIn())
        .setUnresolvedSites((current == null ? 0 : current.getUnresolvedSites()) + d.getUnresolvedSites())
        .setAsOf(later(current == null ? null : current.getAsOf(), d.getEventTime()));
    if (next.getRegistered() == 0 && next.getOutbound() == 0 && next.getInbound() == 0 && next.getSitesIn() == 0
        && next.getUnresolvedSites() == 0) {
      return null;
    }
    return next.build();
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  /**
   * The region a REGION delta is for. The internal CountDelta schema carries it in {@code origin}
   * (one record type for both kinds of delta); renaming the field would break the schema history
   * of the repartition and changelog topics that existing state directories hold, so the name is
   * read here by meaning instead.
   */
  static String regionOf(CountDelta d) {
    return d.getOrigin();
  }
}
