package io.regiolink.app;

import io.regiolink.alerts.AlertSettings;
import io.regiolink.config.Catalogue;
import io.regiolink.config.ConfigLoader;
import io.regiolink.config.ConfigSource;
import io.regiolink.config.Secrets;
import io.regiolink.config.Setting;
import io.regiolink.config.Settings;
import io.regiolink.embedded.DemoSettings;
import io.regiolink.embedded.LocalStack;
import io.regiolink.http.HttpSettings;
import io.regiolink.links.CountingSettings;
import io.regiolink.live.FeedSettings;
import io.regiolink.query.QuerySettings;
import io.regiolink.registry.RegistrySettings;
import io.regiolink.sample.SampleSettings;
import io.regiolink.topics.KafkaSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The whole application's configuration: each feature's own settings, read once at start from the
 * layered sources, so a bad value fails there with its key and origin instead of deep inside a
 * running topology. The features declare their keys; this record only puts them together.
 */
public record RegiolinkConfig(
    KafkaSettings kafka,
    RegistrySettings registry,
    StreamsSettings streams,
    HttpSettings http,
    CountingSettings counting,
    QuerySettings query,
    FeedSettings links,
    FeedSettings alertFeed,
    AlertSettings alerts,
    DemoSettings demo,
    SampleSettings sample,
    Settings settings) {

  private static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
  /** Applied by the command line once the configuration is read; the logger reads REGIOLINK_LOG_LEVEL before that. */
  public static final Setting<String> LOG_LEVEL = new Setting<>("log.level", "INFO",
      "Level of regiolink's own log lines: TRACE, DEBUG, INFO, WARN or ERROR (REGIOLINK_LOG_LEVEL also covers the"
          + " lines logged before the configuration is read)", v -> {
        String level = v.toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
          throw new IllegalArgumentException("it must be one of " + LOG_LEVELS);
        }
        return level;
      });

  /** Every key regiolink accepts, in the order --help and the README list them. */
  public static final Catalogue CATALOGUE = Catalogue.of(List.of(KafkaSettings.SETTINGS, RegistrySettings.SETTINGS,
      StreamsSettings.SETTINGS, HttpSettings.SETTINGS, CountingSettings.SETTINGS, QuerySettings.SETTINGS,
      FeedSettings.SETTINGS, AlertSettings.SETTINGS, DemoSettings.SETTINGS, SampleSettings.SETTINGS, List.of(LOG_LEVEL)),
      List.of(KafkaSettings.FAMILY));

  /** A loader of regiolink's keys, to layer a file, the environment and flags onto. */
  public static ConfigLoader loader() {
    return new ConfigLoader(CATALOGUE);
  }

  /** The defaults alone, as tests and tools start from. */
  public static RegiolinkConfig defaults() {
    return from(Settings.defaults());
  }

  public static RegiolinkConfig from(Settings settings) {
    settings.get(LOG_LEVEL); // checked here, with every other key, so a bad level fails at start
    return new RegiolinkConfig(KafkaSettings.from(settings), RegistrySettings.from(settings),
        StreamsSettings.from(settings), HttpSettings.from(settings), CountingSettings.from(settings),
        QuerySettings.from(settings), FeedSettings.links(settings), FeedSettings.alerts(settings),
        AlertSettings.from(settings), DemoSettings.from(settings), SampleSettings.from(settings), settings);
  }

  /** The same configuration pointed at a local stack's broker and registry (the demo's, once they run). */
  public RegiolinkConfig withAddressesOf(LocalStack stack) {
    return withAddresses(stack.bootstrapServers(), stack.registryUrl());
  }

  /** The same configuration pointed at a given cluster and registry. */
  public RegiolinkConfig withAddresses(String bootstrapServers, URI registryUrl) {
    return new RegiolinkConfig(kafka.withBootstrapServers(bootstrapServers),
        new RegistrySettings(Optional.of(registryUrl)), streams, http, counting, query, links, alertFeed,
        alerts, demo, sample, settings);
  }

  // The settings nearly every part needs, without spelling out their feature each time.

  public String applicationId() {
    return streams.applicationId();
  }

  public Path stateDir() {
    return streams.stateDir();
  }

  public String requireBootstrapServers() {
    return kafka.requireBootstrapServers();
  }

  public URI requireRegistryUrl() {
    return registry.requireUrl();
  }

  public Map<String, Object> kafkaClientSettings() {
    return kafka.clientSettings();
  }

  /** This instance as the others reach it (application.server), from advertised.url. */
  public HostInfo self() {
    URI url = http.advertisedUrl();
    return new HostInfo(url.getHost(), url.getPort() > 0 ? url.getPort() : 80);
  }

  /** The Kafka Streams properties of this instance. */
  public Properties streamsProperties() {
    return streams.properties(kafka, self());
  }

  public String logLevel() {
    return settings.get(LOG_LEVEL);
  }

  public Map<String, ConfigSource> sources() {
    return settings.sources();
  }

  /** Every setting that matters at start, secrets hidden: what start-up logs and banners may show. */
  public List<String> describe() {
    MemorySettings memory = streams.memory();
    List<String> lines = new ArrayList<>();
    lines.add("bootstrap.servers=" + kafka.bootstrapServers().orElse("(not set)"));
    lines.add("registry.url=" + registry.url().map(URI::toString).orElse("(not set)"));
    lines.add("application.id=" + streams.applicationId());
    lines.add("state.dir=" + streams.stateDir().toAbsolutePath().normalize());
    lines.add("http=" + http.host() + ":" + http.port() + " advertised as " + http.advertisedUrl());
    lines.add("processing.guarantee=" + streams.processingGuarantee().kafkaValue());
    lines.add("num.standby.replicas=" + streams.numStandbyReplicas());
    lines.add("counted.statuses=" + String.join(",", counting.countedStatuses()));
    lines.add("memory.total=" + (memory.totalBytes() >> 20) + "m (heap " + (memory.heapBytes() >> 20) + "m with a "
        + (memory.recordCacheBytes() >> 20) + "m record cache, RocksDB " + (memory.rocksDbBytes() >> 20) + "m shared)");
    counting.customSchemes().forEach(s -> lines.add("schemes.custom " + s.name() + "=" + s.file()));
    kafka.overrides().forEach((k, v) -> lines.add("kafka." + k + "=" + (Secrets.isSecret(k) ? Secrets.HIDDEN : v)));
    lines.add("alerts: schemes " + alerts.schemes() + ", sectors " + alerts.sectors() + ", window "
        + alerts.windows().length() + " + grace " + alerts.windows().grace() + ", " + alerts.thresholds());
    lines.add("queries: " + query.attempts() + " attempts, backoff " + query.backoff() + ", peer timeout "
        + query.peerTimeout() + ", stale reads (allowStale=true) " + (query.standbyReads() ? "up to "
        + query.standbyMaxLag() + " records behind" : "off"));
    return lines;
  }

  @Override
  public String toString() {
    return "RegiolinkConfig" + describe();
  }
}
