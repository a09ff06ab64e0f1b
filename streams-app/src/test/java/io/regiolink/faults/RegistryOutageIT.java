package io.regiolink.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.TradingSites;
import io.regiolink.embedded.LocalStack;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.registry.RegistryClient;
import io.regiolink.replay.ProcessingLag;
import io.regiolink.testing.Api;
import io.regiolink.testing.RandomRegister;
import io.regiolink.testing.Records;
import io.regiolink.testing.TcpProxy;
import io.regiolink.testing.TestConfigs;
import io.regiolink.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema registry outage (issue 14, item 3): the packaged app reaches the real registry through
 * a proxy that the test cuts for 30 s while records flow. Half the records sent meanwhile are
 * written with a newer version of the profile schema, registered just before, so the app must ask
 * the registry for it: those records wait. When the registry answers again the app goes on by
 * itself; in the end every record is counted exactly once and none is rejected. The outage shows
 * in {@code /health} and {@code /metrics} while it lasts.
 */
class RegistryOutageIT {
  private static final String APPLICATION_ID = "regiolink-registry-outage-test";
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void duringAThirtySecondOutageNothingIsRejectedOrLostAndTheAppResumesByItself() throws Exception {
    long seed = Long.getLong("faults.seed", new Random().nextLong());
    System.out.printf("RegistryOutageIT seed %d (replay with -Dfaults.seed=%d)%n", seed, seed);
    RandomRegister register = new RandomRegister(seed, 200);
    RegiolinkConfig stackConfig = TestConfigs.local(work.resolve("stack"));
    try (LocalStack stack = TestConfigs.stack(stackConfig);
        TcpProxy proxy = TcpProxy.to("127.0.0.1", stack.registryUrl().getPort())) {
      // The test's own clients go straight to the registry; only the app goes through the proxy.
      RegiolinkConfig config = stackConfig.withAddressesOf(stack);
      RegiolinkConfig throughProxy = config.withAddresses(config.requireBootstrapServers(),
          URI.create("http://127.0.0.1:" + proxy.port()));
      RegiolinkProcess app = RegiolinkProcess.start(throughProxy, APPLICATION_ID, work.resolve("app"), Map.of(),
          work.resolve("app.log"));
      try (ProcessingLag lag = ProcessingLag.ofRegiolink(config.kafkaClientSettings(), APPLICATION_ID)) {
        app.awaitHealthy(Duration.ofMinutes(3));
        Api api = new Api(app.http());
        AvroSerdes serdes = new AvroSerdes(config.requireRegistryUrl());
        Schema newer = withOneMoreField(CompanyProfileEvent.getClassSchema());
        int newerId = new RegistryClient(config.requireRegistryUrl()).register(Topics.PROFILES.valueSubject(), newer);

        var profiles = register.profiles();
        var sites = register.sites();
        int half = profiles.size() / 2;
        Records.produceAll(config, Topics.PROFILES.name(), profiles.subList(0, half),
            serdes.valueSerde(CompanyProfileEvent.class).serializer());
        Records.produceAll(config, Topics.TRADING_SITES.name(), sites.subList(0, half),
            serdes.valueSerde(TradingSites.class).serializer());
        Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> lag.behind().total() == 0);

        proxy.cut();
        long cutAt = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
          assertThat(api.get("/health").body().path("registry").asText()).startsWith("unreachable for");
          assertThat(api.get("/metrics").response().body()).contains("regiolink_registry_up 0.0");
        });
        List<Map.Entry<String, byte[]>> newerProfiles = new ArrayList<>();
        for (var profile : profiles.subList(half, profiles.size())) {
          newerProfiles.add(Map.entry(profile.getKey(), writtenWith(newer, newerId, profile.getValue())));
        }
        Records.produceAll(config, Topics.PROFILES.name(), newerProfiles, new ByteArraySerializer());
        Records.produceAll(config, Topics.TRADING_SITES.name(), sites.subList(half, sites.size()),
            serdes.valueSerde(TradingSites.class).serializer());
        Thread.sleep(Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - cutAt).toMillis()));
        assertThat(lag.behind().total()).as("records with the new schema id wait for the registry").isPositive();

        proxy.restore();
        long restoredAt = System.nanoTime();
        Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> lag.behind().total() == 0);
        System.out.printf("RegistryOutageIT: %d records sent before and %d during a %s outage; counted %.1f s after "
            + "the registry came back%n", 2 * half, profiles.size() + sites.size() - 2 * half, OUTAGE,
            (System.nanoTime() - restoredAt) / 1e9);
        app.awaitHealthy(Duration.ofMinutes(1));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
          assertThat(api.get("/health").body().path("registry").asText()).isEqualTo("reachable");
          assertThat(api.get("/metrics").response().body()).contains("regiolink_registry_up 1.0");
        });
        assertThat(MatrixReads.everything(api)).isEqualTo(register.expected().links());
        assertThat(recordsIn(config, Topics.REJECTED.name())).as("records rejected").isZero();
        assertThat(app.isAlive()).isTrue();
      } finally {
        app.stop();
      }
    }
  }

  /** The profile schema with one more optional field: a compatible new version, as a producer upgrade brings. */
  private static Schema withOneMoreField(Schema schema) throws IOException {
    ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
    ObjectNode field = ((ArrayNode) json.get("fields")).addObject();
    field.put("name", "outage_test_note");
    field.putArray("type").add("null").add("string");
    field.putNull("default");
    return new Schema.Parser().parse(json.toString());
  }

  /** The event in the Confluent wire format under the newer schema's id: its fields, and the new one at its default. */
  private static byte[] writtenWith(Schema newer, int id, CompanyProfileEvent event) throws IOException {
    ByteArrayOutputStream older = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(older, null);
    new SpecificDatumWriter<>(CompanyProfileEvent.class).write(event, encoder);
    encoder.flush();
    GenericRecord asNewer = new GenericDatumReader<GenericRecord>(CompanyProfileEvent.getClassSchema(), newer)
        .read(null, DecoderFactory.get().binaryDecoder(older.toByteArray(), null));
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.write(0);
    wire.write(ByteBuffer.allocate(4).putInt(id).array());
    encoder = EncoderFactory.get().binaryEncoder(wire, encoder);
    new GenericDatumWriter<GenericRecord>(newer).write(asNewer, encoder);
    encoder.flush();
    return wire.toByteArray();
  }

  private static long recordsIn(RegiolinkConfig config, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config.kafkaClientSettings(),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
      return consumer.endOffsets(partitions).entrySet().stream().mapToLong(e -> e.getValue() - begin.get(e.getKey()))
          .sum();
    }
  }
}
