package io.regiolink.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.app.RegiolinkConfig;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.TradingSites;
import io.regiolink.embedded.BuildInfo;
import io.regiolink.embedded.LocalKafka;
import io.regiolink.embedded.LocalRegistry;
import io.regiolink.embedded.RegistryDistribution;
import io.regiolink.links.ReferenceModel;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.replay.ProcessingLag;
import io.regiolink.testing.Api;
import io.regiolink.testing.PackagedJar;
import io.regiolink.testing.RandomRegister;
import io.regiolink.testing.Records;
import io.regiolink.testing.TestCa;
import io.regiolink.testing.TestConfigs;
import io.regiolink.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secure Kafka (issue 14, item 7): the packaged app against a broker whose only listener it is
 * given is SASL_SSL, SCRAM-SHA-512 over TLS with a CA made at test time. It counts a seeded register
 * exactly, as it does on a plain broker. The SASL password and the trust store's password never
 * appear in its log, {@code /metrics}, {@code /health}, {@code regiolink settings}, or the error a
 * wrong password gives, which must say what failed.
 */
class SecureKafkaIT {
  private static final String APPLICATION_ID = "regiolink-secure-test";
  private static final String USER = "regiolink";

  @TempDir Path work;

  @Test
  void countsOverSaslSslAndNeverShowsItsSecrets() throws Exception {
    long seed = Long.getLong("faults.seed", new Random().nextLong());
    System.out.printf("SecureKafkaIT seed %d (replay with -Dfaults.seed=%d)%n", seed, seed);
    TestCa ca = TestCa.create(Files.createDirectories(work.resolve("ca")));
    String password = "scram-" + UUID.randomUUID();
    int plainPort = TestConfigs.freePort();
    int controllerPort = TestConfigs.freePort();
    LocalKafka.SaslSslListener listener =
        new LocalKafka.SaslSslListener(TestConfigs.freePort(), ca.brokerKeyStore(), ca.brokerPassword());
    RegiolinkConfig settings = TestConfigs.local(work.resolve("config"));
    RegistryDistribution distribution =
        RegistryDistribution.locate(settings.demo().registryHome(), BuildInfo.load().registryVersion());

    try (LocalKafka kafka = LocalKafka.start(work.resolve("kafka"), LocalKafka.Role.single(controllerPort), plainPort,
        controllerPort, Optional.of(listener));
        LocalRegistry registry = LocalRegistry.start(distribution, work.resolve("registry"), 0, "384m")) {
      kafka.upsertScramUser(USER, password);
      Map<String, String> secure = clientSettings(ca, password);
      Path secrets = work.resolve("secure.properties");
      writeProperties(secrets, secure);
      // The test's own clients use the same listener and credentials as the app.
      RegiolinkConfig config = TestConfigs.local(work.resolve("config"), secure)
          .withAddresses(listener.bootstrapServers(), registry.url());
      List<String> secretValues = List.of(password, ca.trustStorePassword());

      RegiolinkProcess wrong = RegiolinkProcess.start(config, APPLICATION_ID, work.resolve("wrong"), Map.of(),
          Optional.of(writeProperties(work.resolve("wrong.properties"), clientSettings(ca, "not-" + password))),
          work.resolve("wrong.log"));
      assertThat(wrong.awaitExit(Duration.ofMinutes(2))).as("a wrong password stops the app").isEqualTo(1);
      String refusal = Files.readString(work.resolve("wrong.log"), StandardCharsets.UTF_8);
      assertThat(refusal).as("the error says what failed").contains("refused regiolink's credentials")
          .containsIgnoringCase("authentication failed")
          .doesNotContain("not-" + password).doesNotContain(password);

      RegiolinkProcess app = RegiolinkProcess.start(config, APPLICATION_ID, work.resolve("app"), Map.of(),
          Optional.of(secrets), work.resolve("app.log"));
      try (ProcessingLag lag = ProcessingLag.ofRegiolink(config.kafkaClientSettings(), APPLICATION_ID)) {
        app.awaitHealthy(Duration.ofMinutes(3));
        RandomRegister register = new RandomRegister(seed, 100);
        AvroSerdes serdes = new AvroSerdes(config.requireRegistryUrl());
        Records.produceAll(config, Topics.PROFILES.name(), register.profiles(),
            serdes.valueSerde(CompanyProfileEvent.class).serializer());
        Records.produceAll(config, Topics.TRADING_SITES.name(), register.sites(),
            serdes.valueSerde(TradingSites.class).serializer());
        Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> lag.behind().total() == 0);
        Api api = new Api(app.http());
        ReferenceModel.Counts expected = register.expected();
        assertThat(MatrixReads.everything(api)).as("every matrix over SASL_SSL").isEqualTo(expected.links());

        String health = api.get("/health").response().body();
        String metrics = api.get("/metrics").response().body();
        assertThat(metrics).as("/metrics has the Kafka clients' metrics").contains("kafka_");
        String settingsOutput = settingsCommand(secrets);
        assertThat(settingsOutput).contains("kafka.sasl.jaas.config").contains("[hidden]");
        String log = Files.readString(work.resolve("app.log"), StandardCharsets.UTF_8);
        for (String secret : secretValues) {
          assertThat(log).as("the app's log").doesNotContain(secret);
          assertThat(health).as("/health").doesNotContain(secret);
          assertThat(metrics).as("/metrics").doesNotContain(secret);
          assertThat(settingsOutput).as("regiolink settings").doesNotContain(secret);
        }
        System.out.printf("SecureKafkaIT: %d links counted over SASL_SSL; %d secrets absent from %,d chars of log, "
            + "/health, %,d chars of /metrics, settings and the refusal%n", expected.links().size(), secretValues.size(),
            log.length(), metrics.length());
      } finally {
        app.stop();
      }
    }
  }

  /** What a user puts in the app's config file for a SASL_SSL cluster with SCRAM. */
  private static Map<String, String> clientSettings(TestCa ca, String password) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("kafka.security.protocol", "SASL_SSL");
    settings.put("kafka.sasl.mechanism", LocalKafka.SaslSslListener.MECHANISM);
    settings.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
        + "username=\"" + USER + "\" password=\"" + password + "\";");
    settings.put("kafka.ssl.truststore.location", ca.trustStore().toString());
    settings.put("kafka.ssl.truststore.password", ca.trustStorePassword());
    settings.put("kafka.ssl.truststore.type", "PKCS12");
    return settings;
  }

  private static Path writeProperties(Path file, Map<String, String> settings) throws IOException {
    StringBuilder text = new StringBuilder();
    settings.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** {@code regiolink settings --config FILE}: every key with its value, as a user checks a configuration. */
  private static String settingsCommand(Path configFile) throws IOException, InterruptedException {
    PackagedJar.Finished settings = PackagedJar.run(configFile.getParent(), "settings", "--config", configFile.toString());
    assertThat(settings.exitCode()).as(settings.output()).isZero();
    return settings.output();
  }
}
