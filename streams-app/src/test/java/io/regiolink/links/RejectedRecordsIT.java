package io.regiolink.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.LinkCount;
import io.regiolink.avro.RegionSummary;
import io.regiolink.avro.RejectedRecord;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.testing.Events;
import io.regiolink.testing.Records;
import io.regiolink.testing.RunningAppExtension;
import io.regiolink.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Unusable records on the input topics go to the rejected topic with their reasons, and the app counts on. */
class RejectedRecordsIT {
  @RegisterExtension static final RunningAppExtension APP = new RunningAppExtension();
  RegiolinkConfig config;

  @BeforeEach
  void addresses() {
    config = APP.config();
    assertThat(config.streams().processingGuarantee().kafkaValue()).isEqualTo("exactly_once_v2");
  }

  @Test
  void unusableInputIsRejectedWithReasonsAndTheAppKeepsCountingExactly() throws Exception {
    AvroSerdes serdes = new AvroSerdes(config.requireRegistryUrl());
    byte[] unknownId = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();
    Instant future = Instant.now().plus(Duration.ofDays(3));
    try (var raw = new KafkaProducer<>(config.kafkaClientSettings(), new ByteArraySerializer(), new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(Topics.PROFILES.name(), "k-bad-bytes".getBytes(), "hello".getBytes())).get();
      raw.send(new ProducerRecord<>(Topics.TRADING_SITES.name(), "k-unknown-id".getBytes(), unknownId)).get();
      var profileSerializer = serdes.<CompanyProfileEvent>valueSerializer();
      raw.send(new ProducerRecord<>(Topics.PROFILES.name(), "k-missing".getBytes(),
          profileSerializer.serialize(Topics.PROFILES.name(), Events.active("", "LS1 4AP", 1)))).get();
      raw.send(new ProducerRecord<>(Topics.PROFILES.name(), "k-malformed".getBytes(),
          profileSerializer.serialize(Topics.PROFILES.name(), Events.active("12-AB", "LS1 4AP", 1)))).get();
      raw.send(new ProducerRecord<>(Topics.PROFILES.name(), "00000077".getBytes(),
          profileSerializer.serialize(Topics.PROFILES.name(), Events.profile("00000077", "active", "LS1 4AP",
              List.of(), 1, future, io.regiolink.avro.EventType.changed)))).get();
    }
    Records.produce(config, Topics.PROFILES.name(), "00000088", Events.active("88", "CF10 1AA", 1, "62012"),
        serdes.<CompanyProfileEvent>valueSerializer());
    Records.produce(config, Topics.TRADING_SITES.name(), "00000088",
        Events.sites("88", Instant.now(), "a", "CF10 1AA", "b", "ZZ9 9ZZ", "c", "BS1 4DJ"),
        serdes.<io.regiolink.avro.TradingSites>valueSerializer());

    Map<String, RejectedRecord> rejected = new HashMap<>();
    Records.consume(config, Topics.REJECTED.name(), 5, new org.apache.kafka.common.serialization.StringDeserializer(),
        serdes.<RejectedRecord>valueDeserializer(), Duration.ofSeconds(20))
        .forEach(r -> rejected.put(r.key(), r.value()));
    assertThat(rejected.get("k-bad-bytes").getReasonCode()).isEqualTo("BAD_BYTES");
    assertThat(rejected.get("k-bad-bytes").getOrigin()).startsWith("companies.profiles.v1/");
    assertThat(rejected.get("k-unknown-id").getReasonCode()).isEqualTo("UNKNOWN_SCHEMA_ID");
    assertThat(rejected.get("k-unknown-id").getReason()).contains("987654");
    assertThat(rejected.get("k-missing").getReasonCode()).isEqualTo("BAD_COMPANY_NUMBER");
    assertThat(rejected.get("k-malformed").getReasonCode()).isEqualTo("BAD_COMPANY_NUMBER");
    assertThat(rejected.get("00000077").getReasonCode()).isEqualTo("FUTURE_EVENT");
    assertThat(rejected.get("k-bad-bytes").getRawValue()).isEqualTo(ByteBuffer.wrap("hello".getBytes()));

    Map<String, LinkCount> links = Records.compactedUntil(config, Topics.LINKS.name(), serdes.<LinkCount>valueDeserializer(),
        // The two links sit on different partitions, committed by different tasks: wait for both.
        m -> m.containsKey("itl1:TLL:TLK:KIBS") && m.containsKey("itl1:TLL:TLL:KIBS"), Duration.ofSeconds(60));
    assertThat(links.get("itl1:TLL:TLL:KIBS").getCompanies()).isEqualTo(1);
    assertThat(links.get("itl1:TLL:TLK:KIBS").getSites()).isEqualTo(1);
    Map<String, RegionSummary> regions = Records.compactedUntil(config, Topics.REGIONS.name(),
        serdes.<RegionSummary>valueDeserializer(),
        // The summary first shows the profile alone, then the sites too: wait for the final state.
        m -> m.containsKey("itl1:TLL:KIBS") && m.get("itl1:TLL:KIBS").getSitesIn() == 1, Duration.ofSeconds(30));
    assertThat(regions.get("itl1:TLL:KIBS").getUnresolvedSites()).isEqualTo(1);
    assertThat(APP.streams().streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
  }

}
