package io.regiolink.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.app.RegiolinkConfig;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventType;
import io.regiolink.avro.LinkCount;
import io.regiolink.avro.RejectedRecord;
import io.regiolink.avro.TradingSites;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.replay.ProcessingLag;
import io.regiolink.testing.Api;
import io.regiolink.testing.Events;
import io.regiolink.testing.RandomRegister;
import io.regiolink.testing.Records;
import io.regiolink.testing.RunningAppExtension;
import io.regiolink.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hostile corpus on the input topics (issue 14, item 5), shuffled in among a seeded register's
 * good records: random bytes, truncated Avro, a record of another subject's schema, an unknown
 * schema id, a company number of a million characters, invalid UTF-8, an event three days ahead,
 * a tombstone. The app must not stop; every unusable record must be on {@code regiolink.rejected.v1}
 * with a reason code, and the good records around them must be counted exactly.
 */
class HostileInputIT {
  @RegisterExtension static final RunningAppExtension APP = new RunningAppExtension();

  /** One record of the corpus and the reason codes it may be rejected with. */
  private record Hostile(String topic, String key, byte[] value, Set<String> reasons) {}

  @Test
  void everyUnusableRecordIsRejectedWithItsReasonAndTheGoodOnesAroundThemAreCountedExactly() throws Exception {
    long seed = Long.getLong("faults.seed", new Random().nextLong());
    System.out.printf("HostileInputIT seed %d (replay with -Dfaults.seed=%d)%n", seed, seed);
    Random random = new Random(seed);
    RegiolinkConfig config = APP.config();
    AvroSerdes serdes = new AvroSerdes(config.requireRegistryUrl());
    Serializer<CompanyProfileEvent> profiles = serdes.valueSerde(CompanyProfileEvent.class).serializer();
    Serializer<TradingSites> sites = serdes.valueSerde(TradingSites.class).serializer();
    RandomRegister register = new RandomRegister(seed, 150);

    List<Hostile> corpus = corpus(random, profiles, serdes);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    register.profiles().forEach(p -> records.add(record(Topics.PROFILES.name(), p.getKey(),
        profiles.serialize(Topics.PROFILES.name(), p.getValue()))));
    register.sites().forEach(s -> records.add(record(Topics.TRADING_SITES.name(), s.getKey(),
        sites.serialize(Topics.TRADING_SITES.name(), s.getValue()))));
    corpus.forEach(h -> records.add(record(h.topic(), h.key(), h.value())));
    Collections.shuffle(records, random); // latest-wins makes the good records' order irrelevant
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config.kafkaClientSettings(),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      for (ProducerRecord<byte[], byte[]> r : records) {
        producer.send(r).get();
      }
    }
    try (ProcessingLag lag = ProcessingLag.ofRegiolink(config.kafkaClientSettings(), config.applicationId())) {
      Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> lag.behind().total() == 0);
    }

    Map<String, RejectedRecord> rejected = new TreeMap<>();
    Records.consumeUntil(config, Topics.REJECTED.name(), new StringDeserializer(),
        serdes.valueSerde(RejectedRecord.class).deserializer(), received -> received.size() >= corpus.size(),
        Duration.ofSeconds(5), Duration.ofSeconds(60)).forEach(r -> rejected.put(r.key(), r.value()));
    for (Hostile hostile : corpus) {
      RejectedRecord r = rejected.get(hostile.key());
      assertThat(r).as("rejection of %s", hostile.key()).isNotNull();
      assertThat(r.getReasonCode()).as("reason of %s: %s", hostile.key(), r.getReason()).isIn(hostile.reasons());
      assertThat(r.getReason()).isNotBlank().doesNotContain("\tat ");
      assertThat(r.getOrigin()).startsWith(hostile.topic() + "/");
    }
    assertThat(rejected).as("nothing but the corpus rejected").hasSameSizeAs(corpus);
    System.out.printf("HostileInputIT: %d hostile records rejected with their reasons among %d good ones%n",
        corpus.size(), records.size() - corpus.size());
    assertThat(MatrixReads.everything(new Api(APP.http()))).isEqualTo(register.expected().links());
    assertThat(APP.streams().streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
  }

  private static List<Hostile> corpus(Random random, Serializer<CompanyProfileEvent> profiles, AvroSerdes serdes) {
    String topic = Topics.PROFILES.name();
    List<Hostile> corpus = new ArrayList<>();
    Set<String> badBytes = Set.of("BAD_BYTES", "UNKNOWN_SCHEMA_ID"); // random bytes may start like a wire header
    for (int i = 0; i < 40; i++) {
      byte[] noise = new byte[random.nextInt(3000)];
      random.nextBytes(noise);
      corpus.add(new Hostile(i % 2 == 0 ? topic : Topics.TRADING_SITES.name(), "hostile-random-" + i, noise, badBytes));
    }
    byte[] whole = profiles.serialize(topic, Events.active("00999001", "LS1 4AP", 1, "62012"));
    for (int i = 0; i < 20; i++) {
      corpus.add(new Hostile(topic, "hostile-truncated-" + i, Arrays.copyOf(whole, random.nextInt(whole.length)),
          Set.of("BAD_BYTES")));
    }
    byte[] link = serdes.valueSerde(LinkCount.class).serializer().serialize(Topics.LINKS.name(), LinkCount.newBuilder()
        .setScheme("itl1").setOrigin("TLI").setDestination("TLE").setSector("ALL").setCompanies(1).setSites(1)
        .setAsOf(Instant.now()).build());
    corpus.add(new Hostile(topic, "hostile-other-schema", link, Set.of("BAD_BYTES")));
    corpus.add(new Hostile(topic, "hostile-unknown-id",
        ByteBuffer.allocate(9).put((byte) 0).putInt(123_456_789).putInt(7).array(), Set.of("UNKNOWN_SCHEMA_ID")));
    // One string of a million characters: with the rest of the record, just under the clients' 1 MiB.
    corpus.add(new Hostile(topic, "hostile-million-characters", profiles.serialize(topic,
        CompanyProfileEvent.newBuilder(Events.active("00999003", "LS1 4AP", 1)).setCompanyNumber("9".repeat(1_000_000))
            .build()), Set.of("BAD_COMPANY_NUMBER")));
    corpus.add(new Hostile(topic, "hostile-invalid-utf8", invalidUtf8(profiles.serialize(topic,
        Events.active("AB\u20ac\u20ac\u20ac\u20ac", "LS1 4AP", 1))), Set.of("BAD_COMPANY_NUMBER")));
    corpus.add(new Hostile(topic, "hostile-future", profiles.serialize(topic, Events.profile("00999002", "active",
        "LS1 4AP", List.of("62012"), 1, Instant.now().plus(Duration.ofDays(3)), EventType.changed)),
        Set.of("FUTURE_EVENT")));
    corpus.add(new Hostile(topic, "hostile-tombstone", null, Set.of("TOMBSTONE")));
    corpus.add(new Hostile(Topics.TRADING_SITES.name(), "hostile-sites-without-number",
        serdes.valueSerde(TradingSites.class).serializer().serialize(Topics.TRADING_SITES.name(),
            Events.sites("", Instant.now(), "a", "LS1 4AP")), Set.of("BAD_COMPANY_NUMBER")));
    return corpus;
  }

  /** The record with each euro sign's UTF-8 bytes (E2 82 AC) replaced by bytes no UTF-8 text has. */
  private static byte[] invalidUtf8(byte[] record) {
    byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
    byte[] out = record.clone();
    for (int i = 0; i + euro.length <= out.length; i++) {
      if (out[i] == euro[0] && out[i + 1] == euro[1] && out[i + 2] == euro[2]) {
        out[i] = (byte) 0xFF;
        out[i + 1] = (byte) 0xFE;
        out[i + 2] = (byte) 0xC0;
      }
    }
    assertThat(out).as("the record held the euro signs").isNotEqualTo(record);
    return out;
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
    return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
  }
}
