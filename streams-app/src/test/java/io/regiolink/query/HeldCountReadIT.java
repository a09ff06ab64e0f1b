package io.regiolink.query;

import static io.regiolink.testing.Events.T0;
import static io.regiolink.testing.Events.active;
import static io.regiolink.testing.Events.sites;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.app.ContractSetup;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.app.RegiolinkInstance;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.LinkCount;
import io.regiolink.avro.TradingSites;
import io.regiolink.embedded.LocalStack;
import io.regiolink.footprint.LinkKey;
import io.regiolink.links.LinksTopology;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.sector.SectorGroup;
import io.regiolink.testing.Api;
import io.regiolink.testing.Cleanup;
import io.regiolink.testing.Records;
import io.regiolink.testing.TestConfigs;
import io.regiolink.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A point query answers a count as soon as the counting task has it, before the commit writes it
 * to the store: with a long commit interval, the HTTP answer shows each change while the links
 * store, read just after it, still holds the count before the change. Both a new count and a
 * count back to zero. Without the held-count read the answer comes from that very store, so it
 * could never be ahead of it.
 */
class HeldCountReadIT {
  private static final String NUMBER = "00100001";
  /** Leeds office (ITL1 TLE), trading in Manchester (TLD), then also in London (TLI). */
  private static final LinkKey INTO_LONDON = new LinkKey("itl1", "TLE", "TLI", SectorGroup.ALL);
  private static final String POINT = "/api/v1/links/itl1/TLE/TLI?sector=ALL";

  private static Path dir;
  private static LocalStack stack;
  private static RegiolinkConfig config;
  private static RegiolinkInstance app;
  private static Api api;
  private static AvroSerdes serdes;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("regiolink-held");
    stack = TestConfigs.stack(TestConfigs.local(dir.resolve("stack")));
    // Commits far apart: every change waits seconds between reaching the count and the store.
    config = TestConfigs.instance(stack, dir.resolve("app"), "regiolink-held-it",
        Map.of("kafka.commit.interval.ms", "4000", "num.standby.replicas", "0"));
    ContractSetup.run(config);
    app = RegiolinkInstance.start(config, io.regiolink.http.Answers.Dataset.user("test"));
    api = new Api("http://localhost:" + app.httpPort());
    serdes = new AvroSerdes(config.requireRegistryUrl());
    Records.produce(config, Topics.PROFILES.name(), NUMBER, active(NUMBER, "LS1 4AP", 1, "62012"),
        serdes.valueSerde(CompanyProfileEvent.class).serializer());
    sendSites(0, "s1", "M1 1AE");
    Awaitility.await("the first link counted and committed").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> stored("itl1:TLE:TLD:ALL") == 1);
  }

  @AfterAll
  static void stop() throws Exception {
    Cleanup.closeThenDelete(dir, app, stack);
  }

  @Test
  void pointQueriesShowChangesBeforeTheCommitStoresThem() throws Exception {
    sendSites(3600, "s1", "M1 1AE", "s2", "WC1H 9JP");
    assertThat(answerAheadOfStore(1, 0)).as("the new link answered while the store still had none").isTrue();
    assertThat(api.json(POINT).get("companies").asLong()).isEqualTo(1);

    sendSites(7200, "s1", "M1 1AE");
    assertThat(answerAheadOfStore(0, 1)).as("the link back to zero answered while the store still had it").isTrue();
    assertThat(api.json(POINT).get("companies").asLong()).isZero();
  }

  private static void sendSites(long secondsAfterT0, String... idAndPostcode) throws Exception {
    Records.produce(config, Topics.TRADING_SITES.name(), NUMBER, sites(NUMBER, T0.plusSeconds(secondsAfterT0),
        idAndPostcode), serdes.valueSerde(TradingSites.class).serializer());
  }

  /**
   * Polls the point query, then the store, until the store holds {@code now}; whether some poll
   * saw the answer at {@code now} while the store, read after it, still held {@code before}.
   */
  private static boolean answerAheadOfStore(long now, long before) {
    boolean[] ahead = {false};
    Awaitility.await("the store holds " + now).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
        .until(() -> {
          long answered = api.json(POINT).get("companies").asLong();
          long stored = stored(INTO_LONDON.asString());
          ahead[0] |= answered == now && stored == before;
          return stored == now;
        });
    return ahead[0];
  }

  /** The links store's count for a key, read directly (0 where it holds none). */
  private static long stored(String key) {
    KafkaStreams streams = app.streams().streams();
    int partition = streams.queryMetadataForKey(LinksTopology.LINKS_STORE, key, Serdes.String().serializer()).partition();
    QueryResult<LinkCount> result = streams.query(StateQueryRequest.inStore(LinksTopology.LINKS_STORE)
        .withQuery(KeyQuery.<String, LinkCount>withKey(key)).withPartitions(Set.of(partition)).requireActive())
        .getPartitionResults().get(partition);
    assertThat(result.isSuccess()).as("the links store answers: %s", result).isTrue();
    return result.getResult() == null ? 0 : result.getResult().getCompanies();
  }
}
