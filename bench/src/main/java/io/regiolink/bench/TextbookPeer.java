package io.regiolink.bench;

import io.regiolink.app.RegiolinkConfig;
import io.regiolink.app.RocksDbMemory;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.TradingSites;
import io.regiolink.avro.internal.CompanyState;
import io.regiolink.company.LatestWins;
import io.regiolink.footprint.Footprint;
import io.regiolink.footprint.FootprintRules;
import io.regiolink.footprint.LinkTally;
import io.regiolink.geo.Geography;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.sector.SectorClassifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Peer (a): the textbook Kafka Streams topology, as kafka-streams-examples teaches it. Per-company
 * KTables (latest wins by reduce) joined into one company table, regrouped with
 * {@code KTable.groupBy} and an adder/subtractor {@code aggregate}. A KTable row can go to one key
 * only, so each company is regrouped once per scheme, to its registered region, and the aggregate
 * of a region is its map of (destination, sector) -> (companies, sites). The counting rules are
 * regiolink's own ({@code FootprintRules}): what differs is the topology.
 *
 * <p>Runs in its own JVM ({@link #main}), like the app, with regiolink's own Streams settings
 * ({@code StreamsSettings}: exactly_once_v2, threads, cache, producer, bounded RocksDB).
 */
public final class TextbookPeer {
  static final String APPLICATION_ID = "bench-textbook";
  static final String PROFILES = "bench.textbook.profiles";
  static final String SITES = "bench.textbook.sites";
  /** Key {@code scheme:origin}, value every (destination, sector) tally of that origin. */
  static final String OUTPUT = "bench.textbook.links-by-origin";
  private static final String NOT_COUNTED = "-";

  private TextbookPeer() {}

  /** args: bootstrap servers, registry URL, state directory. Prints RUNNING once Streams runs. */
  public static void main(String[] args) throws InterruptedException {
    System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.regiolink.avro");
    FootprintRules rules = new FootprintRules(Geography.load(List.of()), SectorClassifier.load(), Bench.COUNTED);
    Topology topology = topology(rules, new AvroSerdes(URI.create(args[1])));
    // regiolink's own Streams settings (threads, cache, producer batching, bounded RocksDB), so
    // only the topology differs between the two.
    RegiolinkConfig config = RegiolinkConfig.from(RegiolinkConfig.loader().flag("bootstrap.servers", args[0], "bench")
        .flag("registry.url", args[1], "bench").flag("application.id", APPLICATION_ID, "bench")
        .flag("state.dir", args[2], "bench").load());
    RocksDbMemory rocksDb = new RocksDbMemory(config.streams().memory().rocksDbBytes());
    Properties p = config.streamsProperties();
    p.put(RocksDbMemory.CONFIG_KEY, rocksDb);
    KafkaStreams streams = new KafkaStreams(topology, p);
    CountDownLatch stopped = new CountDownLatch(1);
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING) {
        System.out.println("RUNNING");
        System.out.flush();
      }
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close();
      rocksDb.close();
      stopped.countDown();
    }));
    streams.start();
    stopped.await();
  }

  static Topology topology(FootprintRules rules, AvroSerdes serdes) {
    Serde<CompanyProfileEvent> profileSerde = serdes.valueSerde(CompanyProfileEvent.class);
    Serde<TradingSites> sitesSerde = serdes.valueSerde(TradingSites.class);
    Serde<CompanyState> stateSerde = serdes.valueSerde(CompanyState.class);
    Serde<Map<String, LinkTally>> tallies = Serdes.serdeFrom(
        (topic, map) -> map == null ? null : encode(map), (topic, bytes) -> bytes == null ? null : decode(bytes));
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, CompanyProfileEvent> profiles = builder.stream(PROFILES, Consumed.with(Serdes.String(), profileSerde))
        .groupByKey().reduce((held, next) -> LatestWins.isNewer(next, held) ? next : held,
            Materialized.with(Serdes.String(), profileSerde));
    KTable<String, TradingSites> sites = builder.stream(SITES, Consumed.with(Serdes.String(), sitesSerde))
        .groupByKey().reduce((held, next) -> next.getAsOf().isAfter(held.getAsOf()) ? next : held,
            Materialized.with(Serdes.String(), sitesSerde));
    KTable<String, CompanyState> companies = profiles.outerJoin(sites,
        (p, s) -> CompanyState.newBuilder().setCompanyNumber(p != null ? p.getCompanyNumber() : s.getCompanyNumber())
            .setProfile(p).setSites(s).build(),
        Materialized.with(Serdes.String(), stateSerde));
    for (String scheme : rules.geography().schemeNames()) {
      companies
          .groupBy((number, state) -> KeyValue.pair(scheme + ":" + origin(rules, state, scheme), state),
              Grouped.with("textbook-" + scheme, Serdes.String(), stateSerde))
          .aggregate(TreeMap::new,
              (origin, state, map) -> add(map, rules, state, scheme, 1),
              (origin, state, map) -> add(map, rules, state, scheme, -1),
              Materialized.with(Serdes.String(), tallies))
          .toStream().to(OUTPUT, Produced.with(Serdes.String(), tallies));
    }
    return builder.build();
  }

  private static String origin(FootprintRules rules, CompanyState state, String scheme) {
    Footprint f = rules.footprint(state);
    return f.counted() ? f.registeredRegion().get(scheme) : NOT_COUNTED;
  }

  /** The company's links of this scheme added to (sign 1) or taken from (sign -1) its origin's map. */
  private static Map<String, LinkTally> add(Map<String, LinkTally> map, FootprintRules rules, CompanyState state,
      String scheme, int sign) {
    rules.contributions(state).links().forEach((key, tally) -> {
      if (key.scheme().equals(scheme)) {
        String cell = key.destination() + ":" + key.sector().name();
        LinkTally next = map.getOrDefault(cell, LinkTally.ZERO)
            .plus(new LinkTally(sign * tally.companies(), sign * tally.sites()));
        if (next.isZero()) {
          map.remove(cell);
        } else {
          map.put(cell, next);
        }
      }
    });
    return map;
  }

  static byte[] encode(Map<String, LinkTally> map) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(map.size());
      for (var e : map.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeLong(e.getValue().companies());
        out.writeLong(e.getValue().sites());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Map<String, LinkTally> decode(byte[] bytes) {
    Map<String, LinkTally> map = new TreeMap<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        map.put(in.readUTF(), new LinkTally(in.readLong(), in.readLong()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return map;
  }

  /** The output topic, compacted, as link keys: what the bench compares with the recount. */
  static Map<String, List<Long>> links(KafkaIo kafka) {
    Map<String, byte[]> latest = new TreeMap<>();
    kafka.readToEnd(OUTPUT, (key, value) -> latest.put(new String(key, StandardCharsets.UTF_8), value));
    Map<String, List<Long>> links = new TreeMap<>();
    latest.forEach((origin, value) -> {
      if (value != null && !origin.endsWith(":" + NOT_COUNTED)) {
        decode(value).forEach((cell, t) -> links.put(origin + ":" + cell, List.of(t.companies(), t.sites())));
      }
    });
    return links;
  }
}
