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

  /** What regiolink's public output topics are stored as (design section 2). */
  public static final String PUBLIC_COMPRESSION = "uncompressed";

  /** One of regiolink's output topics ({@code regiolink.*}), which any common client library must read. */
  public boolean publicOutput() {
    return name.startsWith("regiolink.");
  }

  /**
   * Topic-level settings to create the topic with. Public output topics are stored uncompressed:
   * the app's producer compresses with LZ4 (its internal topics are most of the bytes), which
   * some popular clients (kafkajs) cannot decode; the broker stores these topics' batches
   * uncompressed whatever the producer sent.
   */
  public Map<String, String> topicConfigs() {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put("cleanup.policy", cleanupPolicy.kafkaValue());
    retention.ifPresent(r -> configs.put("retention.ms", Long.toString(r.toMillis())));
    if (publicOutput()) {
      configs.put("compression.type", PUBLIC_COMPRESSION);
    }
    return configs;
  }
}
