package io.regiolink.topics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/** One topic of the design's contract: its name, how it is cleaned up, and the schema of its values. */
public record TopicSpec(String name, CleanupPolicy cleanupPolicy, Optional<Duration> retention, Schema valueSchema) {

  public enum CleanupPolicy {
    COMPACT("compact"),
    DELETE("delete");

    private final String kafkaValue;

    CleanupPolicy(String kafkaValue) {
      this.kafkaValue = kafkaValue;
    }

    public String kafkaValue() {
      return kafkaValue;
    }
  }

  /** The value subject under TopicNameStrategy. */
  public String valueSubject() {
    return name + "-value";
  }

  /** Topic-level settings to create the topic with. */
  public Map<String, String> topicConfigs() {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put("cleanup.policy", cleanupPolicy.kafkaValue());
    retention.ifPresent(r -> configs.put("retention.ms", Long.toString(r.toMillis())));
    return configs;
  }
}
