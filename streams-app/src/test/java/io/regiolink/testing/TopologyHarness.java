package io.regiolink.testing;

import io.regiolink.app.RegiolinkTopology;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.alerts.AlertSettings;
import io.regiolink.alerts.AlertsTopology;
import io.regiolink.avro.LinkCount;
import io.regiolink.avro.LinkShiftAlert;
import io.regiolink.avro.RegionSummary;
import io.regiolink.avro.RejectedRecord;
import io.regiolink.avro.TradingSites;
import io.regiolink.avro.internal.HistoryPart;
import io.regiolink.avro.internal.LinkTotals;
import io.regiolink.footprint.FootprintRules;
import io.regiolink.history.HistoryRetention;
import io.regiolink.links.LinksTopology;
import io.regiolink.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** The real topology in a TopologyTestDriver (unit tests only), with helpers to feed it and read it. */
public final class TopologyHarness implements AutoCloseable {
  /** The app's default, {@code history.retention}. */
  public static final HistoryRetention DEFAULT_HISTORY = new HistoryRetention(Duration.ofDays(400));
  private final PlainAvroSerdes serdes = new PlainAvroSerdes();
  private final TopologyTestDriver driver;
  private final TestInputTopic<byte[], byte[]> profiles;
  private final TestInputTopic<byte[], byte[]> sites;
  private final TestOutputTopic<String, LinkCount> links;
  private final TestOutputTopic<String, RegionSummary> regions;
  private final TestOutputTopic<String, RejectedRecord> rejected;
  private final TestOutputTopic<String, LinkShiftAlert> alertsOut;
  private final Serde<CompanyProfileEvent> profileSerde = serdes.valueSerde(CompanyProfileEvent.class);
  private final Serde<TradingSites> sitesSerde = serdes.valueSerde(TradingSites.class);
  private final Map<String, LinkCount> linksCompacted = new TreeMap<>();
  private final Map<String, RegionSummary> regionsCompacted = new TreeMap<>();
  private final boolean flushEachInput;

  public TopologyHarness(FootprintRules rules, Path stateDir, Instant wallClock) {
    this(rules, AlertSettings.DEFAULT, stateDir, wallClock);
  }

  public TopologyHarness(FootprintRules rules, AlertSettings alerts, Path stateDir, Instant wallClock) {
    this(rules, alerts, stateDir, wallClock, true);
  }

  /**
   * @param flushEachInput send the summed deltas on after every input, as if each arrived in a
   *     quiet moment; without it they are sent only at {@link #flush()}, so sums of many inputs are tested
   */
  public TopologyHarness(FootprintRules rules, AlertSettings alerts, Path stateDir, Instant wallClock,
      boolean flushEachInput) {
    this(rules, alerts, stateDir, wallClock, flushEachInput, DEFAULT_HISTORY);
  }

  /** @param history how far back the counts' history is kept */
  public TopologyHarness(FootprintRules rules, AlertSettings alerts, Path stateDir, Instant wallClock,
      boolean flushEachInput, HistoryRetention history) {
    this.flushEachInput = flushEachInput;
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "regiolink-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // No cache: every change reaches the output, so the compacted view is checked at its finest.
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    props.put("processing.exception.handler.global.enabled", "true");
    // One partition, as the driver has for every topic.
    driver = new TopologyTestDriver(RegiolinkTopology.build(rules, alerts, 1, history, serdes), props, wallClock);
    profiles = driver.createInputTopic(Topics.PROFILES.name(), new ByteArraySerializer(), new ByteArraySerializer());
    sites = driver.createInputTopic(Topics.TRADING_SITES.name(), new ByteArraySerializer(), new ByteArraySerializer());
    links = driver.createOutputTopic(Topics.LINKS.name(), new StringDeserializer(),
        serdes.valueSerde(LinkCount.class).deserializer());
    regions = driver.createOutputTopic(Topics.REGIONS.name(), new StringDeserializer(),
        serdes.valueSerde(RegionSummary.class).deserializer());
    rejected = driver.createOutputTopic(Topics.REJECTED.name(), new StringDeserializer(),
        serdes.valueSerde(RejectedRecord.class).deserializer());
    alertsOut = driver.createOutputTopic(Topics.ALERTS.name(), new StringDeserializer(),
        serdes.valueSerde(LinkShiftAlert.class).deserializer());
  }

  public void profile(String key, CompanyProfileEvent event) {
    profiles.pipeInput(bytes(key), profileSerde.serializer().serialize(Topics.PROFILES.name(), event));
    afterInput();
  }

  public void sites(String key, TradingSites list) {
    sites.pipeInput(bytes(key), sitesSerde.serializer().serialize(Topics.TRADING_SITES.name(), list));
    afterInput();
  }

  public void rawProfile(String key, byte[] value) {
    profiles.pipeInput(bytes(key), value);
    afterInput();
  }

  public void rawSites(String key, byte[] value) {
    sites.pipeInput(bytes(key), value);
    afterInput();
  }

  private void afterInput() {
    if (flushEachInput) {
      flush();
    }
  }

  /**
   * Lets the wall clock pass the alerts' close delay, so windows that stream time has passed are
   * closed. (Summed deltas need no wall clock: the driver commits after every input, and the
   * combiner sends its sums at each commit.)
   */
  public void flush() {
    driver.advanceWallClockTime(AlertsTopology.CLOSE_DELAY.plus(AlertsTopology.CLOSE_CHECK));
  }

  public void advanceWallClock(Duration by) {
    driver.advanceWallClockTime(by);
  }

  /** The links topic as a compacted topic would keep it: last value per key, tombstones removing keys. */
  public Map<String, LinkCount> compactedLinks() {
    return compact(links, linksCompacted);
  }

  public Map<String, RegionSummary> compactedRegions() {
    return compact(regions, regionsCompacted);
  }

  private static <V> Map<String, V> compact(TestOutputTopic<String, V> topic, Map<String, V> compacted) {
    topic.readKeyValuesToList().forEach(kv -> {
      if (kv.value == null) {
        compacted.remove(kv.key);
      } else {
        compacted.put(kv.key, kv.value);
      }
    });
    return compacted;
  }

  /** The value of a Kafka Streams metric of regiolink's own, summed over threads and tasks. */
  public double regiolinkMetric(String name, String entity) {
    return driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(name) && entity.equals(e.getKey().tags().get("regiolink-id")))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }

  public List<org.apache.kafka.streams.test.TestRecord<String, LinkShiftAlert>> alerts() {
    return alertsOut.readRecordsToList();
  }

  public List<RejectedRecord> rejected() {
    return rejected.readValuesToList();
  }

  public Map<String, LinkCount> linkStore() {
    return storeContents(LinksTopology.LINKS_STORE);
  }

  /** The by-destination index, keyed scheme:sector:destination:origin. */
  public Map<String, LinkTotals> linkIndexStore() {
    KeyValueStore<String, LinkTotals> store =
        driver.getKeyValueStore(LinksTopology.LINKS_BY_DESTINATION_STORE);
    Map<String, LinkTotals> contents = new HashMap<>();
    try (var all = store.all()) {
      all.forEachRemaining(kv -> contents.put(kv.key, kv.value));
    }
    return contents;
  }

  /** The coverage measures, added up over the store (one partition here). */
  public Map<String, Long> coverageStore() {
    KeyValueStore<String, Long> store = driver.getKeyValueStore(LinksTopology.COVERAGE_STORE);
    Map<String, Long> contents = new java.util.TreeMap<>();
    try (var all = store.all()) {
      all.forEachRemaining(kv -> contents.put(kv.key, kv.value));
    }
    return contents;
  }

  /**
   * The changes a history window store (exact or daily) holds after an instant, by key: what an
   * asOf query subtracts from today's counts.
   */
  public Map<String, List<HistoryPart>> historyAfter(String storeName, Instant after) {
    WindowStore<String, HistoryPart> store = driver.getWindowStore(storeName);
    Map<String, List<HistoryPart>> byKey = new TreeMap<>();
    try (var all = store.fetchAll(after.plusMillis(1), Instant.ofEpochMilli(Long.MAX_VALUE))) {
      all.forEachRemaining(kv -> byKey.computeIfAbsent(kv.key.key(), k -> new java.util.ArrayList<>()).add(kv.value));
    }
    return byKey;
  }

  /** How many entries a history window store holds in all (for the retention checks). */
  public int historyEntries(String storeName) {
    WindowStore<String, HistoryPart> store = driver.getWindowStore(storeName);
    int n = 0;
    try (var all = store.all()) {
      while (all.hasNext()) {
        all.next();
        n++;
      }
    }
    return n;
  }

  public Map<String, RegionSummary> regionStore() {
    return storeContents(LinksTopology.REGIONS_STORE);
  }

  private <V> Map<String, V> storeContents(String name) {
    KeyValueStore<String, ValueAndTimestamp<V>> store = driver.getTimestampedKeyValueStore(name);
    Map<String, V> contents = new HashMap<>();
    try (var all = store.all()) {
      all.forEachRemaining(kv -> contents.put(kv.key, kv.value.value()));
    }
    return contents;
  }

  private static byte[] bytes(String key) {
    return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    driver.close();
  }
}
