package io.regiolink.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.LinkCount;
import io.regiolink.avro.LinkShiftAlert;
import io.regiolink.avro.RegionSummary;
import io.regiolink.avro.TradingSites;
import io.regiolink.embedded.LocalStack;
import io.regiolink.footprint.RegionKey;
import io.regiolink.links.ReferenceModel;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.replay.ProcessingLag;
import io.regiolink.sector.SectorGroup;
import io.regiolink.testing.Api;
import io.regiolink.testing.Records;
import io.regiolink.testing.TestConfigs;
import io.regiolink.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test (issue 14, item 1), after Kafka's own EOS system tests: the packaged app runs as
 * its own OS process on the real local broker while a seeded stream of company changes is
 * produced, and is killed with SIGKILL at random moments (mid-transaction, mid-restore, mid-start),
 * then restarted on the same state directory, and once on an empty one, so that it restores from
 * the changelogs. Afterwards the link counts and region summaries (topics read {@code read_committed}
 * and stores read through the API) and the alerts must equal the reference model exactly.
 *
 * <p>Between phases (alert windows) the test waits until everything sent is counted, so that no
 * window closes before its own changes are in: the alerts are then a function of the input alone,
 * and the model can say what they must be. The kills go on throughout, the waits included.
 *
 * <p>Sizes and the seed come from system properties: {@code faults.seed} (replays a run),
 * {@code faults.companies} (default 300), {@code faults.kills} (default 6); {@code
 * faults.guarantee=at_least_once} shows that the test can fail.
 */
class CrashIT {
  private static final String APPLICATION_ID = "regiolink-crash-test";
  private static final Duration COUNTED_WITHIN = Duration.ofMinutes(4);

  @TempDir Path work;

  @Test
  void killedAtRandomMomentsTheAppStillCountsEveryChangeExactlyOnce() throws Exception {
    long seed = Long.getLong("faults.seed", new Random().nextLong());
    int companies = Integer.getInteger("faults.companies", 300);
    int kills = Integer.getInteger("faults.kills", 6);
    String guarantee = System.getProperty("faults.guarantee", "exactly_once_v2");
    System.out.printf("CrashIT seed %d: %d companies, %d kills, %s (replay with -Dfaults.seed=%d)%n", seed, companies,
        kills, guarantee, seed);
    Random random = new Random(seed);
    ChangeScript script = new ChangeScript(new Random(random.nextLong()), companies,
        ChangeScript.firstWindowBefore(Instant.now(), Duration.ofDays(42)));
    List<String> expectedAlerts = ExpectedAlerts.of(script);
    ReferenceModel.Counts expected = script.phases().get(script.phases().size() - 1).after();

    RegiolinkConfig stackConfig = TestConfigs.local(work.resolve("stack"));
    try (LocalStack stack = TestConfigs.stack(stackConfig)) {
      RegiolinkConfig config = stackConfig.withAddressesOf(stack);
      // A killed member is out of the group after 6 s: the app's default session timeout.
      Map<String, String> settings = Map.of("processing.guarantee", guarantee, "topics.partitions", "3");
      Killer killer = new Killer(new Random(random.nextLong()), kills, config, APPLICATION_ID, settings, work);
      killer.startFirst();
      Thread killing = new Thread(killer, "crash-test-killer");
      killing.start();
      try (ProcessingLag lag = ProcessingLag.ofRegiolink(config.kafkaClientSettings(), APPLICATION_ID)) {
        AvroSerdes serdes = new AvroSerdes(config.requireRegistryUrl());
        for (ChangeScript.Phase phase : script.phases()) {
          produce(config, serdes, phase, random);
          awaitCounted(lag, killer, "phase " + phase.number() + " (" + phase.records() + " records)");
          System.out.printf("CrashIT phase %d counted: %d records, %d kills so far%n", phase.number(), phase.records(),
              killer.kills());
        }
        // Kills still due after the last phase land while the app catches up or sits idle.
        killing.join(Duration.ofMinutes(3).toMillis());
        assertThat(killing.isAlive()).as("the killer finished its %d kills within 3 minutes", kills).isFalse();
        killer.rethrow();
        assertThat(killer.kills()).isEqualTo(kills);
        RegiolinkProcess app = killer.current();
        app.awaitHealthy(Duration.ofMinutes(3));
        awaitCounted(lag, killer, "the end");
        List<Duration> recoveries = killer.recoveries();
        System.out.printf("CrashIT: %d kills, one restart on an empty state directory; %d records sent; restarted "
            + "instances served after %s (shortest), %s (median), %s (longest)%n", killer.kills(),
            script.phases().stream().mapToInt(ChangeScript.Phase::records).sum(),
            recoveries.isEmpty() ? "-" : recoveries.get(0), recoveries.isEmpty() ? "-" : recoveries.get(recoveries.size() / 2),
            recoveries.isEmpty() ? "-" : recoveries.get(recoveries.size() - 1));

        assertSame("links topic", expected.links(), Records.compactedUntil(config, Topics.LINKS.name(),
            serdes.valueSerde(LinkCount.class).deserializer(), latest -> linkCounts(latest).equals(expected.links()),
            Duration.ofSeconds(30)), CrashIT::linkCounts);
        assertSame("regions topic", expected.regions(), Records.compactedUntil(config, Topics.REGIONS.name(),
            serdes.valueSerde(RegionSummary.class).deserializer(),
            latest -> regionCounts(latest).equals(expected.regions()), Duration.ofSeconds(30)), CrashIT::regionCounts);
        Api api = new Api(app.http());
        assertSame("links stores (GET /matrix)", expected.links(), MatrixReads.everything(api), m -> m);
        assertSame("region stores (GET /regions)", expected.regions(), regionSummaries(api), m -> m);

        List<String> alerts = new ArrayList<>();
        Records.consumeUntil(config, Topics.ALERTS.name(), new StringDeserializer(),
            serdes.valueSerde(LinkShiftAlert.class).deserializer(), received -> received.size() >= expectedAlerts.size(),
            Duration.ofSeconds(5), Duration.ofSeconds(60))
            .forEach(r -> alerts.add(ExpectedAlerts.describe(r.value())));
        alerts.sort(null);
        System.out.printf("CrashIT: %d links, %d region summaries and %d alerts checked%n", expected.links().size(),
            expected.regions().size(), expectedAlerts.size());
        assertThat(expectedAlerts).as("the script raises alerts").isNotEmpty();
        assertThat(alerts).as("alerts (read_committed), once each").containsExactlyElementsOf(expectedAlerts);
        app.stop();
      } finally {
        killer.stop();
        killing.join(Duration.ofMinutes(1).toMillis());
        killer.stopAll();
      }
    }
  }

  /** Sends a phase's records in small batches, about 100 a second, so that kills land while input is arriving. */
  private static void produce(RegiolinkConfig config, AvroSerdes serdes, ChangeScript.Phase phase, Random random)
      throws Exception {
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

  /** Until the app's group has committed every record it reads (inputs and its own topics). */
  private static void awaitCounted(ProcessingLag lag, Killer killer, String what) throws InterruptedException {
    long deadline = System.nanoTime() + COUNTED_WITHIN.toNanos();
    ProcessingLag.Behind behind = lag.behind();
    while (behind.total() != 0) {
      killer.rethrow();
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not counted within " + COUNTED_WITHIN + " after " + what + "; behind: " + behind
            + "; the app's log ends:\n" + killer.current().tail(40));
      }
      Thread.sleep(500);
      behind = lag.behind();
    }
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
