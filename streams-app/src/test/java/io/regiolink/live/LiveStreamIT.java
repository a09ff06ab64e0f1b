package io.regiolink.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.LinkCount;
import io.regiolink.avro.TradingSites;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.footprint.LinkKey;
import io.regiolink.geo.Geography;
import io.regiolink.geo.Postcode;
import io.regiolink.geo.RegionScheme;
import io.regiolink.query.LinkView;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.sector.SectorGroup;
import io.regiolink.testing.Events;
import io.regiolink.testing.Records;
import io.regiolink.testing.RunningAppExtension;
import io.regiolink.testing.SseReader;
import io.regiolink.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Live subscriptions on the real broker: SSE order per key, resume with Last-Event-ID, slow clients dropped. */
class LiveStreamIT {
  @RegisterExtension static final RunningAppExtension APP = new RunningAppExtension();
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Newcastle (TLC) to Cardiff (TLL): a link no other test of this class makes. */
  private static final String LINK = "itl1:TLC:TLL:ALL";

  @Test
  void subscribersSeeReplayedUpdatesInOrderAndResumeWithoutDuplicates() throws Exception {
    RegiolinkConfig config = APP.config();
    String url = APP.http() + "/api/v1/stream/links?scheme=itl1&sector=ALL&region=TLL";
    try (SseReader whole = new SseReader(url, null); SseReader first = new SseReader(url, null)) {
      whole.awaitConnected();
      first.awaitConnected();
      // A Newcastle company whose site list grows one Cardiff site at a time: TLC -> TLL, sites 1..4.
      send(config, Events.active("00700001", "NE1 7RU", 1, "62012"));
      for (int n = 1; n <= 4; n++) {
        sites(config, n);
      }
      awaitSites(whole, 4);
      SseReader.Event lastSeen = awaitSites(first, 4);
      first.close();

      for (int n = 5; n <= 7; n++) {
        sites(config, n);
      }
      awaitSites(whole, 7);
      try (SseReader resumed = new SseReader(url, lastSeen.id())) {
        resumed.awaitConnected();
        awaitSites(resumed, 7);
        Awaitility.await("both connections at the same last event").atMost(Duration.ofSeconds(30))
            .until(() -> resumed.events().get(resumed.events().size() - 1)
                .equals(whole.events().get(whole.events().size() - 1)));
        List<SseReader.Event> seenBefore = first.events().subList(0, first.events().indexOf(lastSeen) + 1);
        List<SseReader.Event> joined = new ArrayList<>(seenBefore);
        joined.addAll(resumed.events());
        assertThat(joined).as("first connection up to its last id, then the resumed one").isEqualTo(whole.events());
      }
      List<Long> sitesOfTheLink = whole.events().stream().map(e -> json(e.data()))
          .filter(d -> key(d).equals(LINK)).map(d -> d.get("sites").asLong()).toList();
      assertThat(sitesOfTheLink).as("the link's values in arrival order").isSorted().endsWith(7L);
      assertThat(whole.events()).allSatisfy(e -> {
        assertThat(e.event()).isEqualTo("link");
        assertThat(json(e.data()).get("scheme").asText()).isEqualTo("itl1");
        assertThat(List.of(json(e.data()).get("origin").asText(), json(e.data()).get("destination").asText()))
            .contains("TLL");
      });
    }
  }

  @Test
  void aClientThatDoesNotReadIsDroppedAndTheOthersGetEverything() throws Exception {
    RegiolinkConfig config = APP.config();
    Map<String, Object> settings = new HashMap<>(config.kafkaClientSettings());
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    AvroSerdes serdes = new AvroSerdes(config.requireRegistryUrl());
    var values = serdes.valueSerde(LinkCount.class).deserializer();
    CountDownLatch release = new CountDownLatch(1);
    OutputStream stuck = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
    };
    ByteArrayOutputStream fast = new ByteArrayOutputStream();
    OutputStream reader = new OutputStream() {
      @Override
      public synchronized void write(int b) {
        fast.write(b);
      }

      @Override
      public synchronized void write(byte[] b, int off, int len) {
        fast.write(b, off, len);
      }
    };
    try (LiveFeed<LinkView> feed = new LiveFeed<LinkView>("test", Topics.LINKS.name(), "link",
        new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer()), LiveFeed.Start.END,
        (key, value) -> value == null ? null : LinkView.of(values.deserialize(Topics.LINKS.name(), value)),
        LinkView::key, new FeedSettings(100, 20, 10, Duration.ofSeconds(1))).start()) {
      CompletableFuture<String> slow = feed.subscribe(v -> true, Optional.empty(), stuck);
      CompletableFuture<String> good = feed.subscribe(v -> true, Optional.empty(), reader);
      // Twenty companies, each on a pair of its own: eighty distinct link changes. One at a time,
      // the next sent only once the reading client has the last one's eight links: sent without
      // waiting, several companies could land in one commit, and a burst of more than 20 changes
      // would overflow the reading client's queue too (seen in CI: both clients dropped).
      String[] offices = {"LS1 4AP", "M1 1AE", "BS1 4DJ", "CB2 1TN", "B1 1BB", "EH1 1AA", "BT1 5GS", "WC1H 9JP",
          "SW1A 1AA", "EC2A 1NT"};
      int companies = 20;
      Set<String> links = new TreeSet<>();
      Geography geography = Geography.load(List.of());
      for (int i = 0; i < companies; i++) {
        String number = String.format("%08d", 800001 + i);
        String office = offices[i % offices.length];
        String site = offices[(i + 1 + i / offices.length) % offices.length];
        send(config, Events.active(number, office, 1, "47110"));
        Records.produce(config, Topics.TRADING_SITES.name(), number, Events.sites(number, Events.T0, "s1", site),
            serdes.valueSerde(TradingSites.class).serializer());
        Set<String> companyLinks = new TreeSet<>();
        for (RegionScheme scheme : geography.schemes()) {
          String from = Postcode.parse(office).flatMap(scheme::resolve).orElseThrow();
          String to = Postcode.parse(site).flatMap(scheme::resolve).orElseThrow();
          companyLinks.add(new LinkKey(scheme.name(), from, to, SectorGroup.OTHER).asString());
          companyLinks.add(new LinkKey(scheme.name(), from, to, SectorGroup.ALL).asString());
        }
        links.addAll(companyLinks);
        awaitRead(reader, fast, companyLinks, "company " + number);
      }
      Awaitility.await("the stuck client dropped").atMost(Duration.ofSeconds(60)).until(() -> feed.dropped() == 1);
      awaitRead(reader, fast, links, "all " + links.size() + " links");
      assertThat(good).isNotDone();
      release.countDown();
      assertThat(slow.get(10, TimeUnit.SECONDS)).startsWith("too slow");
    }
  }

  /** Until the reading client has been sent a change of each of these links. */
  private static void awaitRead(OutputStream reader, ByteArrayOutputStream read, Set<String> links,
      String what) {
    Awaitility.await("the reading client got a change of each link of " + what).atMost(Duration.ofSeconds(60))
        .until(() -> {
          String got;
          synchronized (reader) {
            got = read.toString(StandardCharsets.UTF_8);
          }
          return links.stream().allMatch(key -> got.contains("data: " + key + "\n"));
        });
  }

  private static void send(RegiolinkConfig config, CompanyProfileEvent profile) throws Exception {
    AvroSerdes serdes = new AvroSerdes(config.requireRegistryUrl());
    Records.produce(config, Topics.PROFILES.name(), profile.getCompanyNumber(), profile,
        serdes.valueSerde(CompanyProfileEvent.class).serializer());
  }

  /** The company's n-th site list: n sites in Cardiff (TLL). */
  private static void sites(RegiolinkConfig config, int n) throws Exception {
    String[] args = new String[2 * n];
    for (int i = 0; i < n; i++) {
      args[2 * i] = "c" + i;
      args[2 * i + 1] = "CF10 1EP";
    }
    AvroSerdes serdes = new AvroSerdes(config.requireRegistryUrl());
    Records.produce(config, Topics.TRADING_SITES.name(), "00700001", Events.sites("00700001",
        Events.T0.plusSeconds(n), args), serdes.valueSerde(TradingSites.class).serializer());
  }

  private static SseReader.Event awaitSites(SseReader reader, long sites) {
    return Awaitility.await("link " + LINK + " at " + sites + " sites").atMost(Duration.ofSeconds(60))
        .until(() -> reader.events().stream().filter(e -> {
          JsonNode d = json(e.data());
          return key(d).equals(LINK) && d.get("sites").asLong() == sites;
        }).reduce((x, y) -> y).orElse(null), e -> e != null);
  }

  private static String key(JsonNode link) {
    return String.join(":", link.get("scheme").asText(), link.get("origin").asText(),
        link.get("destination").asText(), link.get("sector").asText());
  }

  private static JsonNode json(String data) {
    try {
      return JSON.readTree(data);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
