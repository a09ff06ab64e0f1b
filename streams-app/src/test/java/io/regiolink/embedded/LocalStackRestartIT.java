package io.regiolink.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.LinkCount;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.registry.RegistryClient;
import io.regiolink.testing.Records;
import io.regiolink.testing.TestConfigs;
import io.regiolink.app.ContractSetup;
import io.regiolink.topics.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broker and registry restarted on their state directory keep the data and the schema ids. */
class LocalStackRestartIT {

  @TempDir Path stateDir;

  @Test
  void whatWasWrittenBeforeARestartStillDecodesAfterIt() throws Exception {
    LinkCount written = LinkCount.newBuilder().setScheme("itl1").setOrigin("TLI").setDestination("TLD")
        .setSector("KIBS").setCompanies(42).setSites(57).setAsOf(Instant.parse("2026-11-20T09:00:00Z")).build();

    Map<String, Integer> idsBefore;
    String bootstrapBefore;
    try (LocalStack stack = TestConfigs.stack(TestConfigs.local(stateDir))) {
      RegiolinkConfig config = TestConfigs.local(stateDir).withAddressesOf(stack);
      idsBefore = ContractSetup.run(config).schemaIds();
      bootstrapBefore = config.requireBootstrapServers();
      Records.produce(config, Topics.LINKS.name(), "itl1:TLI:TLD:KIBS", written,
          new AvroSerdes(config.requireRegistryUrl()).<LinkCount>valueSerializer());
    }

    try (LocalStack stack = TestConfigs.stack(TestConfigs.local(stateDir))) {
      RegiolinkConfig config = TestConfigs.local(stateDir).withAddressesOf(stack);
      // A fresh deserializer has no cached schema: the id in the record must resolve in the restarted registry.
      var read = Records.consumeOne(config, Topics.LINKS.name(), new StringDeserializer(),
          new AvroSerdes(config.requireRegistryUrl()).<LinkCount>valueDeserializer());
      assertThat(read.key()).isEqualTo("itl1:TLI:TLD:KIBS");
      assertThat(read.value()).isEqualTo(written);

      Map<String, Integer> idsAfter = ContractSetup.run(config).schemaIds();
      assertThat(idsAfter).isEqualTo(idsBefore);
      assertThat(new RegistryClient(config.requireRegistryUrl()).schemaById(idsBefore.get(Topics.LINKS.valueSubject())))
          .isEqualTo(LinkCount.getClassSchema());
      assertThat(config.requireBootstrapServers()).as("the restarted broker reuses its port").isEqualTo(bootstrapBefore);
    }
  }

  @Test
  void aSecondStackOnTheSameStateDirectoryIsRefusedClearly(@TempDir Path shared) {
    try (LocalStack first = TestConfigs.stack(TestConfigs.local(shared))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestConfigs.stack(TestConfigs.local(shared)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Another regiolink demo or cluster is using")
          .hasMessageContaining("--state-dir");
      assertThat(first.bootstrapServers()).isNotBlank();
    }
  }
}
