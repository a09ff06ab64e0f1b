package io.regiolink.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.Address;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventEnvelope;
import io.regiolink.avro.EventType;
import io.regiolink.avro.LinkCount;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.registry.RegistryClient;
import io.regiolink.testing.Records;
import io.regiolink.testing.TcpProxy;
import io.regiolink.testing.TestConfigs;
import io.regiolink.app.ContractSetup;
import io.regiolink.topics.Topics;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Avro through the real registry onto the real local broker, and back, in the Confluent wire format. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AvroRoundTripIT {

  @TempDir static Path stateDir;
  LocalStack stack;
  RegiolinkConfig config;

  @BeforeAll
  void start() {
    stack = TestConfigs.stack(TestConfigs.local(stateDir));
    config = TestConfigs.local(stateDir).withAddressesOf(stack);
    ContractSetup.run(config);
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aProfileEventRoundTripsDecodedAndItsBytesNameTheRegisteredSchema() throws Exception {
    CompanyProfileEvent sent = CompanyProfileEvent.newBuilder()
        .setCompanyNumber("SC123456")
        .setCompanyName("Côte Analytics Ltd")
        .setCompanyStatus("active")
        .setCompanyType("ltd")
        .setDateOfCreation(LocalDate.of(2019, 3, 14))
        .setSicCodes(List.of("62012", "70229"))
        .setRegisteredOfficeAddress(Address.newBuilder().setAddressLine1("1 Quay St").setLocality("Leeds")
            .setPostalCode("LS1 4AP").setCountry("England").build())
        .setEvent(EventEnvelope.newBuilder().setTimepoint(4_200_001L)
            .setPublishedAt(Instant.parse("2026-11-04T14:33:29Z")).setType(EventType.changed)
            .setFieldsChanged(List.of("registered_office_address.postal_code")).setSource("test").build())
        .build();

    AvroSerdes serdes = new AvroSerdes(config.requireRegistryUrl());
    Records.produce(config, Topics.PROFILES.name(), "SC123456", sent, serdes.<CompanyProfileEvent>valueSerializer());

    CompanyProfileEvent received = Records.consumeOne(config, Topics.PROFILES.name(),
        new StringDeserializer(), serdes.<CompanyProfileEvent>valueDeserializer()).value();
    assertThat(received).isEqualTo(sent);
    System.out.println("Round trip through " + config.requireRegistryUrl() + " and " + config.requireBootstrapServers()
        + ": " + received.getCompanyNumber() + " " + received.getCompanyName() + " "
        + received.getRegisteredOfficeAddress().getPostalCode());

    byte[] raw = Records.consumeOne(config, Topics.PROFILES.name(), new StringDeserializer(),
        new ByteArrayDeserializer()).value();
    ByteBuffer wire = ByteBuffer.wrap(raw);
    assertThat(wire.get()).as("Confluent magic byte").isZero();
    int id = wire.getInt();
    Schema registered = new RegistryClient(config.requireRegistryUrl()).schemaById(id);
    assertThat(registered).isEqualTo(CompanyProfileEvent.getClassSchema());
    System.out.println("Wire format: magic byte 0, schema id " + id + " -> " + registered.getFullName());
  }

  /**
   * The app's serde caches the per-record registry work: its bytes must be Apicurio's, byte for
   * byte, from the second record on too, and it must read what Apicurio writes.
   */
  @Test
  void theCachedSerdeWritesAndReadsExactlyWhatApicuriosSerdeDoes() {
    AvroSerdes serdes = new AvroSerdes(config.requireRegistryUrl());
    var apicurioWriter = serdes.<io.regiolink.avro.LinkCount>valueSerializer();
    var apicurioReader = serdes.<io.regiolink.avro.LinkCount>valueDeserializer();
    var cached = serdes.valueSerde(io.regiolink.avro.LinkCount.class);
    String topic = Topics.LINKS.name();
    for (int i = 0; i < 3; i++) {
      var link = io.regiolink.avro.LinkCount.newBuilder().setScheme("lad").setOrigin("E08000035")
          .setDestination("E09000033").setSector("KI").setCompanies(10 + i).setSites(20 + i)
          .setAsOf(Instant.parse("2026-11-04T14:33:29Z")).build();
      byte[] expected = apicurioWriter.serialize(topic, link);
      byte[] actual = cached.serializer().serialize(topic, link);
      assertThat(actual).as("record %d", i).isEqualTo(expected);
      assertThat(cached.deserializer().deserialize(topic, expected)).isEqualTo(link);
      assertThat(apicurioReader.deserialize(topic, actual)).isEqualTo(link);
    }
    byte[] unknownId = {0, 0x7f, 0, 0, 1, 2, 4};
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> cached.deserializer().deserialize(topic, unknownId))
        .as("an id the registry does not know fails as Apicurio's serde fails")
        .satisfies(e -> assertThat(serdes.classify(e)).isEqualTo(io.regiolink.registry.DecodeFailure.UNKNOWN_SCHEMA));
  }

  @Test
  void whatTheSerdeWroteItReadsBackWhileTheRegistryIsAwayAndAnythingElseFailsAsRegistryUnavailable() {
    try (TcpProxy proxy = TcpProxy.to("127.0.0.1", config.requireRegistryUrl().getPort())) {
      AvroSerdes serdes = new AvroSerdes(URI.create("http://127.0.0.1:" + proxy.port()));
      var own = serdes.valueSerde(LinkCount.class);
      var link = LinkCount.newBuilder().setScheme("itl1").setOrigin("TLK").setDestination("TLI").setSector("ALL")
          .setCompanies(3).setSites(4).setAsOf(Instant.parse("2026-11-04T14:33:29Z")).build();
      String topic = "regiolink-links-changelog";
      byte[] written = own.serializer().serialize(topic, link);
      proxy.cut();
      // A store's own values, read again when a task restarts during an outage.
      assertThat(own.deserializer().deserialize(topic, written)).isEqualTo(link);
      var stranger = new AvroSerdes(URI.create("http://127.0.0.1:" + proxy.port())).valueSerde(LinkCount.class);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> stranger.deserializer().deserialize(topic, written))
          .as("an id this serde never saw needs the registry")
          .satisfies(e -> assertThat(serdes.classify(e))
              .isEqualTo(io.regiolink.registry.DecodeFailure.REGISTRY_UNAVAILABLE));
    }
  }

  @Test
  void everyTopicExistsWithItsCleanupPolicyAndEverySubjectIsBackward() throws Exception {
    RegistryClient registry = new RegistryClient(config.requireRegistryUrl());
    try (Admin admin = Admin.create(config.kafkaClientSettings())) {
      Map<String, TopicDescription> topics =
          admin.describeTopics(Topics.ALL.stream().map(t -> t.name()).toList()).allTopicNames().get();
      var configs = admin.describeConfigs(Topics.ALL.stream()
          .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList()).all().get();
      for (var topic : Topics.ALL) {
        assertThat(topics).containsKey(topic.name());
        assertThat(topics.get(topic.name()).partitions()).hasSize(config.kafka().topicPartitions());
        var actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
        assertThat(actual.get("cleanup.policy").value()).as(topic.name()).isEqualTo(topic.cleanupPolicy().kafkaValue());
        topic.retention().ifPresent(r ->
            assertThat(actual.get("retention.ms").value()).isEqualTo(Long.toString(r.toMillis())));
        assertThat(registry.compatibility(topic.valueSubject())).as(topic.valueSubject()).isEqualTo("BACKWARD");
      }
    }
    assertThat(registry.subjects()).containsAll(Topics.ALL.stream().map(t -> t.valueSubject()).toList());
  }

  @Test
  void twoInstancesSettingUpTheSameSubjectsAtOnceBothSucceed() throws Exception {
    // Two instances started together (a deployment of two) race to create each subject's rule
    // and first version; the registry answers the later one 409, which must not stop it.
    Schema schema = LinkCount.getClassSchema();
    ExecutorService both = Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < 20; i++) {
        String subject = "race-" + i + "-value";
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<Integer> instance = () -> {
          RegistryClient registry = new RegistryClient(config.requireRegistryUrl());
          together.await();
          registry.setCompatibility(subject, "BACKWARD");
          return registry.register(subject, schema);
        };
        Future<Integer> first = both.submit(instance);
        Future<Integer> second = both.submit(instance);
        assertThat(first.get(30, TimeUnit.SECONDS)).as(subject).isEqualTo(second.get(30, TimeUnit.SECONDS));
        assertThat(new RegistryClient(config.requireRegistryUrl()).compatibility(subject)).isEqualTo("BACKWARD");
      }
    } finally {
      both.shutdownNow();
    }
  }

  @Test
  void theRegistryRefusesAnIncompatibleSchemaOnAContractSubject() {
    Schema incompatible = new Schema.Parser().parse("""
        {"type":"record","name":"LinkCount","namespace":"io.regiolink.avro","fields":[
          {"name":"scheme","type":"string"},{"name":"brand_new_required","type":"long"}]}""");
    RegistryClient registry = new RegistryClient(config.requireRegistryUrl());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.register(Topics.LINKS.valueSubject(), incompatible))
        .isInstanceOf(RegistryClient.RegistryException.class)
        .hasMessageContaining("409");
  }
}
