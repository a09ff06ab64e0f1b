package io.regiolink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regiolink.config.RegiolinkConfig.ProcessingGuarantee;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  @Test
  void defaultsFollowTheDesign() {
    RegiolinkConfig config = RegiolinkConfig.defaults();
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.stateDir()).isEqualTo(Path.of("./.regiolink"));
    assertThat(config.processingGuarantee()).isEqualTo(ProcessingGuarantee.EXACTLY_ONCE_V2);
    assertThat(config.processingGuarantee().kafkaValue()).isEqualTo("exactly_once_v2");
    assertThat(config.countedStatuses()).containsExactly("active");
    assertThat(config.applicationId()).isEqualTo("regiolink");
    assertThat(config.advertisedUrl()).isEqualTo(URI.create("http://localhost:8080"));
    assertThat(config.historyRetention()).isEqualTo(Duration.ofDays(30));
    assertThat(config.bootstrapServers()).isEmpty();
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
    RegiolinkConfig config = new ConfigLoader()
        .file(file)
        .environment(Map.of("REGIOLINK_HTTP_PORT", "9002", "REGIOLINK_APPLICATION_ID", "from-env",
            "PATH", "/usr/bin", "REGIOLINK_KAFKA_SASL_MECHANISM", "PLAIN"))
        .flag("http.port", "9003", "--http-port")
        .load();

    assertThat(config.httpPort()).isEqualTo(9003);
    assertThat(config.applicationId()).isEqualTo("from-env");
    assertThat(config.stateDir()).isEqualTo(Path.of("/from/file"));
    assertThat(config.countedStatuses()).containsExactly("active", "liquidation");
    assertThat(config.kafkaOverrides())
        .containsEntry("security.protocol", "SSL")
        .containsEntry("sasl.mechanism", "PLAIN");
    assertThat(config.advertisedUrl()).isEqualTo(URI.create("http://localhost:9003"));
    assertThat(config.sources().get("http.port").description()).isEqualTo("flag --http-port");
    assertThat(config.sources().get("application.id").description())
        .isEqualTo("environment variable REGIOLINK_APPLICATION_ID");
  }

  @Test
  void kafkaPassThroughReachesEveryClientWithTheBootstrapServers() {
    RegiolinkConfig config = new ConfigLoader()
        .flag("bootstrap.servers", "broker:9092", "--bootstrap-servers")
        .flag("kafka.security.protocol", "SASL_SSL", "--set")
        .load();
    assertThat(config.kafkaClientSettings())
        .containsEntry("bootstrap.servers", "broker:9092")
        .containsEntry("security.protocol", "SASL_SSL");
  }

  @Test
  void theMemoryBudgetSplitsIntoHeapRecordCacheAndRocksDbAndABadSizeNamesItsKeyAndSource() {
    RegiolinkConfig config = new ConfigLoader().flag("memory.total", "3g", "--set").load();
    assertThat(config.memory().heapBytes()).isEqualTo(1536L << 20);
    assertThat(config.memory().recordCacheBytes()).isEqualTo(192L << 20);
    assertThat(config.memory().rocksDbBytes()).isEqualTo(768L << 20);
    assertThat(RegiolinkConfig.defaults().memory().totalBytes()).isEqualTo(2L << 30);
    assertThatThrownBy(() -> new ConfigLoader().flag("memory.total", "lots", "--set").load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("memory.total").hasMessageContaining("--set").hasMessageContaining("1536m or 2g");
    assertThatThrownBy(() -> new ConfigLoader().flag("memory.total", "100m", "--set").load())
        .isInstanceOf(ConfigException.class).hasMessageContaining("at least 256m");
  }

  @Test
  void secretsNeverShowInTheDescription() {
    RegiolinkConfig config = new ConfigLoader()
        .flag("kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"hunter2\";", "--set")
        .flag("kafka.ssl.keystore.password", "hunter2", "--set")
        .load();
    assertThat(String.join("\n", config.describe())).doesNotContain("hunter2").contains("[hidden]");
    assertThat(config.toString()).doesNotContain("hunter2");
  }

  @Test
  void unknownKeysAreRefusedWithWhereTheyCameFrom() throws IOException {
    Path file = write("htp.port=9000\n");
    assertThatThrownBy(() -> new ConfigLoader().file(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("htp.port")
        .hasMessageContaining(file.toString());
    assertThatThrownBy(() -> new ConfigLoader().environment(Map.of("REGIOLINK_HTP_PORT", "1")))
        .hasMessageContaining("REGIOLINK_HTP_PORT");
  }

  @Test
  void badValuesNameTheKeyTheValueAndTheSource() {
    assertThatThrownBy(() -> new ConfigLoader().environment(Map.of("REGIOLINK_HTTP_PORT", "eighty")).load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'eighty'")
        .hasMessageContaining("http.port")
        .hasMessageContaining("REGIOLINK_HTTP_PORT");
    assertThatThrownBy(() -> new ConfigLoader().flag("processing.guarantee", "exactly_once", "--set").load())
        .hasMessageContaining("exactly_once_v2");
    assertThatThrownBy(() -> new ConfigLoader().flag("registry.url", "localhost:8081", "--registry-url").load())
        .hasMessageContaining("http(s) URL");
    assertThatThrownBy(() -> new ConfigLoader().flag("schemes.custom", "itl1=x.csv", "--set").load())
        .hasMessageContaining("built-in");
  }

  @Test
  void missingConfigFileSaysWhichPath() {
    Path missing = dir.resolve("nope.properties");
    assertThatThrownBy(() -> new ConfigLoader().file(missing))
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
    RegiolinkConfig config = new ConfigLoader()
        .flag("schemes.custom", "city-regions=conf/city.csv, nuts=/x/nuts.csv", "--set").load();
    assertThat(config.customSchemes()).containsExactly(
        new RegiolinkConfig.CustomScheme("city-regions", Path.of("conf/city.csv")),
        new RegiolinkConfig.CustomScheme("nuts", Path.of("/x/nuts.csv")));
  }

  private Path write(String content) throws IOException {
    Path file = dir.resolve("regiolink.properties");
    Files.writeString(file, content);
    return file;
  }
}
