package io.regiolink.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regiolink.app.StreamsSettings.ProcessingGuarantee;
import io.regiolink.config.ConfigException;
import io.regiolink.config.ConfigLoader;
import io.regiolink.config.Setting;
import io.regiolink.geo.CustomScheme;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegiolinkConfigTest {

  @TempDir Path dir;

  @Test
  void defaultsFollowTheDesign() {
    RegiolinkConfig config = RegiolinkConfig.defaults();
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.stateDir()).isEqualTo(Path.of("./.regiolink"));
    assertThat(config.streams().processingGuarantee()).isEqualTo(ProcessingGuarantee.EXACTLY_ONCE_V2);
    assertThat(config.streams().processingGuarantee().kafkaValue()).isEqualTo("exactly_once_v2");
    assertThat(config.counting().countedStatuses()).containsExactly("active");
    assertThat(config.applicationId()).isEqualTo("regiolink");
    assertThat(config.http().advertisedUrl()).isEqualTo(URI.create("http://localhost:8080"));
    assertThat(config.kafka().bootstrapServers()).isEmpty();
  }

  @Test
  void laterLayersWin_fileThenEnvironmentThenFlags() throws IOException {
    Path file = write("""
        http.port=9001
        application.id=from-file
        state.dir=/from/file
        counted.statuses=active, Liquidation
        kafka.security.protocol=SSL
        """);
    RegiolinkConfig config = load(RegiolinkConfig.loader()
        .file(file)
        .environment(Map.of("REGIOLINK_HTTP_PORT", "9002", "REGIOLINK_APPLICATION_ID", "from-env",
            "PATH", "/usr/bin", "REGIOLINK_KAFKA_SASL_MECHANISM", "PLAIN"))
        .flag("http.port", "9003", "--http-port")
        );

    assertThat(config.http().port()).isEqualTo(9003);
    assertThat(config.applicationId()).isEqualTo("from-env");
    assertThat(config.stateDir()).isEqualTo(Path.of("/from/file"));
    assertThat(config.counting().countedStatuses()).containsExactly("active", "liquidation");
    assertThat(config.kafka().overrides())
        .containsEntry("security.protocol", "SSL")
        .containsEntry("sasl.mechanism", "PLAIN");
    assertThat(config.http().advertisedUrl()).isEqualTo(URI.create("http://localhost:9003"));
    assertThat(config.sources().get("http.port").description()).isEqualTo("flag --http-port");
    assertThat(config.sources().get("application.id").description())
        .isEqualTo("environment variable REGIOLINK_APPLICATION_ID");
  }

  @Test
  void kafkaPassThroughReachesEveryClientWithTheBootstrapServers() {
    RegiolinkConfig config = load(RegiolinkConfig.loader()
        .flag("bootstrap.servers", "broker:9092", "--bootstrap-servers")
        .flag("kafka.security.protocol", "SASL_SSL", "--set")
        );
    assertThat(config.kafkaClientSettings())
        .containsEntry("bootstrap.servers", "broker:9092")
        .containsEntry("security.protocol", "SASL_SSL");
  }

  @Test
  void aDeadInstanceIsOutOfTheGroupAfterSixSecondsUnlessKafkaSettingsSayOtherwise() {
    ConfigLoader loader = RegiolinkConfig.loader().flag("bootstrap.servers", "broker:9092", "--bootstrap-servers");
    assertThat(load(loader).streamsProperties())
        .containsEntry("session.timeout.ms", 6000).containsEntry("heartbeat.interval.ms", 1500);
    assertThat(load(loader.flag("kafka.session.timeout.ms", "45000", "--set")).streamsProperties())
        .containsEntry("session.timeout.ms", "45000");
  }

  @Test
  void theHttpIdleTimeoutMustOutlastTheLiveFeedHeartbeat() {
    assertThat(RegiolinkConfig.defaults().http().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> load(RegiolinkConfig.loader().flag("http.idle.timeout", "PT10S", "--set")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.idle.timeout").hasMessageContaining("stream.heartbeat (PT15S)");
    assertThat(load(RegiolinkConfig.loader().flag("http.idle.timeout", "PT10S", "--set")
        .flag("stream.heartbeat", "PT5S", "--set")).http().idleTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void theMemoryBudgetSplitsIntoHeapRecordCacheAndRocksDbAndABadSizeNamesItsKeyAndSource() {
    RegiolinkConfig config = load(RegiolinkConfig.loader().flag("memory.total", "3g", "--set"));
    assertThat(config.streams().memory().heapBytes()).isEqualTo(1_288_490_188L); // two fifths of 3 GiB
    assertThat(config.streams().memory().recordCacheBytes()).isEqualTo(161_061_273L);
    assertThat(config.streams().memory().rocksDbBytes()).isEqualTo(768L << 20);
    assertThat(RegiolinkConfig.defaults().streams().memory().totalBytes()).isEqualTo(2L << 30);
    assertThatThrownBy(() -> load(RegiolinkConfig.loader().flag("memory.total", "lots", "--set")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("memory.total").hasMessageContaining("--set").hasMessageContaining("1536m or 2g");
    assertThatThrownBy(() -> load(RegiolinkConfig.loader().flag("memory.total", "100m", "--set")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("at least 256m");
  }

  @Test
  void secretsNeverShowInTheDescription() {
    RegiolinkConfig config = load(RegiolinkConfig.loader()
        .flag("kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"hunter2\";", "--set")
        .flag("kafka.ssl.keystore.password", "hunter2", "--set"));
    assertThat(String.join("\n", config.describe())).doesNotContain("hunter2").contains("[hidden]");
    assertThat(config.toString()).doesNotContain("hunter2");
  }

  @Test
  void unknownKeysAreRefusedWithWhereTheyCameFrom() throws IOException {
    Path file = write("htp.port=9000\n");
    assertThatThrownBy(() -> RegiolinkConfig.loader().file(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("htp.port")
        .hasMessageContaining(file.toString());
    assertThatThrownBy(() -> RegiolinkConfig.loader().environment(Map.of("REGIOLINK_HTP_PORT", "1")))
        .hasMessageContaining("REGIOLINK_HTP_PORT");
  }

  @Test
  void badValuesNameTheKeyTheValueAndTheSource() {
    assertThatThrownBy(() -> load(RegiolinkConfig.loader().environment(Map.of("REGIOLINK_HTTP_PORT", "eighty"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'eighty'")
        .hasMessageContaining("http.port")
        .hasMessageContaining("REGIOLINK_HTTP_PORT");
    assertThatThrownBy(() -> load(RegiolinkConfig.loader().flag("processing.guarantee", "exactly_once", "--set")))
        .hasMessageContaining("exactly_once_v2");
    assertThatThrownBy(() -> load(RegiolinkConfig.loader().flag("registry.url", "localhost:8081", "--registry-url")))
        .hasMessageContaining("http(s) URL");
    assertThatThrownBy(() -> load(RegiolinkConfig.loader().flag("schemes.custom", "itl1=x.csv", "--set")))
        .hasMessageContaining("built-in");
  }

  @Test
  void missingConfigFileSaysWhichPath() {
    Path missing = dir.resolve("nope.properties");
    assertThatThrownBy(() -> RegiolinkConfig.loader().file(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.properties")
        .hasMessageContaining("--config");
  }

  @Test
  void clusterAddressesAreRequiredOnlyWhenUsed() {
    RegiolinkConfig config = RegiolinkConfig.defaults();
    assertThatThrownBy(config::requireBootstrapServers).hasMessageContaining("--bootstrap-servers");
    assertThatThrownBy(config::requireRegistryUrl).hasMessageContaining("--registry-url");
  }

  @Test
  void customSchemesAreParsed() {
    RegiolinkConfig config = load(RegiolinkConfig.loader()
        .flag("schemes.custom", "city-regions=conf/city.csv, nuts=/x/nuts.csv", "--set"));
    assertThat(config.counting().customSchemes()).containsExactly(
        new CustomScheme("city-regions", Path.of("conf/city.csv")),
        new CustomScheme("nuts", Path.of("/x/nuts.csv")));
  }

  @Test
  void badAlertValuesNameTheirKeyAndSourceLikeEveryOtherKey() {
    assertThatThrownBy(() -> load(RegiolinkConfig.loader().flag("alerts.emerged.min", "three", "--set alerts.emerged.min")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Bad value 'three' for alerts.emerged.min (from flag --set alerts.emerged.min): it must be a whole number.");
    assertThatThrownBy(() -> load(RegiolinkConfig.loader().environment(Map.of("REGIOLINK_ALERTS_SECTORS", "ALL,KIX"))))
        .hasMessageContaining("alerts.sectors").hasMessageContaining("REGIOLINK_ALERTS_SECTORS").hasMessageContaining("KIX");
    assertThatThrownBy(() -> load(RegiolinkConfig.loader().flag("alerts.window", "P0D", "--set")))
        .hasMessageContaining("alerts.window").hasMessageContaining("positive");
    assertThatThrownBy(() -> load(RegiolinkConfig.loader().flag("alerts.windw", "P7D", "--set")))
        .hasMessageContaining("Unknown setting 'alerts.windw'");
  }

  @Test
  void everyDeclaredKeyWithARuleNamesItselfAndItsSourceWhenGivenNonsense() {
    int checked = 0;
    for (Setting<?> setting : RegiolinkConfig.CATALOGUE.settings()) {
      String variable = setting.environmentVariable();
      try {
        load(RegiolinkConfig.loader().environment(Map.of(variable, "=not a value%")));
      } catch (ConfigException e) {
        assertThat(e.getMessage()).as(setting.key()).contains(setting.key()).contains(variable);
        checked++;
      }
    }
    // Free text (ids, hosts, heap sizes, paths, lists of names) takes anything; every other key refused it.
    assertThat(checked).isGreaterThanOrEqualTo(25);
  }

  @Test
  void theAlertDefaultsAreTheDesignsAndDeclaredOnce() {
    var alerts = RegiolinkConfig.defaults().alerts();
    assertThat(alerts.windows().length()).isEqualTo(Duration.ofDays(7));
    assertThat(alerts.windows().grace()).isEqualTo(Duration.ofHours(24));
    assertThat(alerts.thresholds()).isEqualTo(new io.regiolink.alerts.AlertThresholds(3, 3, 25.0, 5, 10));
    assertThat(alerts.schemes()).containsExactly("itl1", "lad");
    assertThat(alerts.start()).isEmpty();
  }

  private static RegiolinkConfig load(ConfigLoader loader) {
    return RegiolinkConfig.from(loader.load());
  }

  private Path write(String content) throws IOException {
    Path file = dir.resolve("regiolink.properties");
    Files.writeString(file, content);
    return file;
  }
}
