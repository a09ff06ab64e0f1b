package io.regiolink.topics;

import io.regiolink.config.Catalogue;
import io.regiolink.config.ConfigException;
import io.regiolink.config.Setting;
import io.regiolink.config.Settings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How every Kafka client regiolink makes reaches the cluster: the bootstrap servers, the kafka.*
 * pass-through (TLS, SASL) applied to each of them, and how many partitions new topics get.
 */
public record KafkaSettings(Optional<String> bootstrapServers, Map<String, String> overrides, int topicPartitions) {

  public static final String PASS_THROUGH = "kafka.";
  public static final Setting<String> BOOTSTRAP_SERVERS = Setting.text("bootstrap.servers", null,
      "Kafka bootstrap servers (the demo fills this in itself)");
  public static final Setting<Integer> TOPIC_PARTITIONS = Setting.integer("topics.partitions", "4", 1, 1000,
      "Partitions of the topics regiolink creates (replication: the cluster's default)");
  public static final List<Setting<?>> SETTINGS = List.of(BOOTSTRAP_SERVERS, TOPIC_PARTITIONS);
  public static final Catalogue.Family FAMILY = new Catalogue.Family(PASS_THROUGH,
      "Passed to every Kafka client without the prefix (TLS, SASL), e.g. kafka.security.protocol=SASL_SSL");

  public KafkaSettings {
    overrides = Collections.unmodifiableMap(new TreeMap<>(overrides));
  }

  public static KafkaSettings from(Settings settings) {
    Map<String, String> overrides = settings.family(PASS_THROUGH);
    if (overrides.containsKey("bootstrap.servers")) {
      throw new ConfigException("kafka.bootstrap.servers (from " + settings.source("kafka.bootstrap.servers")
          + ") would be overridden: set bootstrap.servers instead.");
    }
    return new KafkaSettings(settings.optional(BOOTSTRAP_SERVERS), overrides, settings.get(TOPIC_PARTITIONS));
  }

  public KafkaSettings withBootstrapServers(String servers) {
    return new KafkaSettings(Optional.of(servers), overrides, topicPartitions);
  }

  public String requireBootstrapServers() {
    return bootstrapServers.orElseThrow(() -> new ConfigException(
        "No Kafka cluster given: set bootstrap.servers (flag --bootstrap-servers, env "
            + BOOTSTRAP_SERVERS.environmentVariable() + ", or --config FILE), or use 'regiolink demo'."));
  }

  /** Settings every Kafka client gets: the bootstrap servers plus the kafka.* pass-through. */
  public Map<String, Object> clientSettings() {
    Map<String, Object> settings = new LinkedHashMap<>(overrides);
    settings.put("bootstrap.servers", requireBootstrapServers());
    return settings;
  }
}
