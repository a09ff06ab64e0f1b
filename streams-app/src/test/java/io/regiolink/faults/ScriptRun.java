package io.regiolink.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.LinkCount;
import io.regiolink.avro.LinkShiftAlert;
import io.regiolink.avro.RegionSummary;
import io.regiolink.avro.TradingSites;
import io.regiolink.footprint.RegionKey;
import io.regiolink.links.ReferenceModel;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.replay.ProcessingLag;
import io.regiolink.sector.SectorGroup;
import io.regiolink.testing.Api;
import io.regiolink.testing.Records;
import io.regiolink.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A {@link ChangeScript} played into a running app while a fault test does its damage, and the
 * check that follows: the link counts and region summaries (topics read {@code read_committed}, and
 * the stores through the API) and the alerts must equal the reference model exactly.
 */
final class ScriptRun {
  private static final Duration COUNTED_WITHIN = Duration.ofMinutes(4);

  private final RegiolinkConfig config;
  private final AvroSerdes serdes;
  private final ChangeScript script;

  ScriptRun(RegiolinkConfig config, ChangeScript script) {
    this.config = config;
    this.serdes = new AvroSerdes(config.requireRegistryUrl());
    this.script = script;
  }

  /** Sends a phase's records in small batches, about 100 a second, so that faults land while input is arriving. */
  void produce(ChangeScript.Phase phase, Random random) throws Exception {
    int batch = 20;
    var profiles = phase.profiles();
    var sites = phase.sites();
    for (int from = 0; from < Math.max(profiles.size(), sites.size()); from += batch) {
      if (from < profiles.size()) {
        Records.produceAll(config, Topics.PROFILES.name(), profiles.subList(from, Math.min(from + batch, profiles.size())),
            serdes.valueSerde(CompanyProfileEvent.class).serializer());
      }
      if (from < sites.size()) {
        Records.produceAll(config, Topics.TRADING_SITES.name(), sites.subList(from, Math.min(from + batch, sites.size())),
            serdes.valueSerde(TradingSites.class).serializer());
      }
      Thread.sleep(100 + random.nextInt(200));
    }
  }

  /**
   * Until the app's group has committed every record it reads (inputs and its own topics).
   *
   * @param healthCheck throws when the fault driver failed, so the wait stops early
   * @param appLog the end of the app's log, for the failure message
   */
  static void awaitCounted(ProcessingLag lag, String what, Runnable healthCheck, Supplier<String> appLog)
      throws InterruptedException {
    long deadline = System.nanoTime() + COUNTED_WITHIN.toNanos();
    ProcessingLag.Behind behind = lag.behind();
    while (behind.total() != 0) {
      healthCheck.run();
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not counted within " + COUNTED_WITHIN + " after " + what + "; behind: " + behind
            + "; the app's log ends:\n" + appLog.get());
      }
      Thread.sleep(500);
      behind = lag.behind();
    }
  }

  /** The whole check: topics, stores and alerts against the model's counts after the last phase. */
  void assertExact(Api api, String test) {
    ReferenceModel.Counts expected = script.phases().get(script.phases().size() - 1).after();
    List<String> expectedAlerts = ExpectedAlerts.of(script);
    assertSame("links topic", expected.links(), Records.compactedUntil(config, Topics.LINKS.name(),
        serdes.valueSerde(LinkCount.class).deserializer(), latest -> linkCounts(latest).equals(expected.links()),
        Duration.ofSeconds(30)), ScriptRun::linkCounts);
    assertSame("regions topic", expected.regions(), Records.compactedUntil(config, Topics.REGIONS.name(),
        serdes.valueSerde(RegionSummary.class).deserializer(),
        latest -> regionCounts(latest).equals(expected.regions()), Duration.ofSeconds(30)), ScriptRun::regionCounts);
    assertSame("links stores (GET /matrix)", expected.links(), MatrixReads.everything(api), m -> m);
    assertSame("region stores (GET /regions)", expected.regions(), regionSummaries(api), m -> m);

    List<String> alerts = new ArrayList<>();
    Records.consumeUntil(config, Topics.ALERTS.name(), new StringDeserializer(),
        serdes.valueSerde(LinkShiftAlert.class).deserializer(), received -> received.size() >= expectedAlerts.size(),
        Duration.ofSeconds(5), Duration.ofSeconds(60))
        .forEach(r -> alerts.add(ExpectedAlerts.describe(r.value())));
    alerts.sort(null);
    System.out.printf("%s: %d links, %d region summaries and %d alerts checked%n", test, expected.links().size(),
        expected.regions().size(), expectedAlerts.size());
    assertThat(expectedAlerts).as("the script raises alerts").isNotEmpty();
    assertThat(alerts).as("alerts (read_committed), once each").containsExactlyElementsOf(expectedAlerts);
  }

  int records() {
    return script.phases().stream().mapToInt(ChangeScript.Phase::records).sum();
  }

  /** Every region of every scheme and sector, as the model's region keys; summaries of all zeros are absent ones. */
  private static Map<String, List<Long>> regionSummaries(Api api) {
    Map<String, List<Long>> regions = new TreeMap<>();
    for (String scheme : MatrixReads.schemes(api)) {
      List<String> codes = new ArrayList<>(List.of(RegionKey.UNRESOLVED)); // offices no region could be found for
      api.json("/api/v1/schemes/" + scheme + "/regions").get("regions").forEach(r -> codes.add(r.get("code").asText()));
      for (String code : codes) {
        for (SectorGroup sector : SectorGroup.values()) {
          JsonNode r = api.json("/api/v1/regions/" + scheme + "/" + code + "?sector=" + sector);
          List<Long> counts = List.of(r.get("registered").asLong(), r.get("outbound").asLong(), r.get("inbound").asLong(),
              r.get("sitesIn").asLong(), r.get("unresolvedSites").asLong());
          if (counts.stream().anyMatch(c -> c != 0)) {
            regions.put(scheme + ":" + code + ":" + sector.name(), counts);
          }
        }
      }
    }
    return regions;
  }

  private static Map<String, List<Long>> linkCounts(Map<String, LinkCount> topic) {
    Map<String, List<Long>> counts = new TreeMap<>();
    topic.forEach((key, link) -> counts.put(key, List.of(link.getCompanies(), link.getSites())));
    return counts;
  }

  private static Map<String, List<Long>> regionCounts(Map<String, RegionSummary> topic) {
    Map<String, List<Long>> counts = new TreeMap<>();
    topic.forEach((key, r) -> counts.put(key, List.of(r.getRegistered(), r.getOutbound(), r.getInbound(), r.getSitesIn(),
        r.getUnresolvedSites())));
    return counts;
  }

  /** Equal, or a failure naming how many entries differ and the first few of them. */
  private static <T> void assertSame(String what, Map<String, List<Long>> expected, Map<String, T> actual,
      Function<Map<String, T>, Map<String, List<Long>>> counts) {
    Map<String, List<Long>> got = counts.apply(actual);
    Set<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(got.keySet());
    List<String> differences = new ArrayList<>();
    for (String key : keys) {
      if (!Objects.equals(expected.get(key), got.get(key))) {
        differences.add(key + ": expected " + expected.get(key) + ", got " + got.get(key));
      }
    }
    assertThat(differences).as("%s against the reference model (%d entries); %d differ, e.g. %s", what, expected.size(),
        differences.size(), differences.subList(0, Math.min(8, differences.size()))).isEmpty();
  }
}
