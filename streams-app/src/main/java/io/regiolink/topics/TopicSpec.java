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
  /**
   * The largest batch a public topic accepts, uncompressed: the app's producer fills 256 KB compressed
   * batches, which the broker must store decompressed, and these can exceed the 1 MB default. The
   * broker would then refuse them, and the producer's split of an idempotent batch ends in
   * OutOfOrderSequenceException (seen in the benchmark with the replay producer's settings).
   * Consumers still read them: a fetch always returns at least the first batch (KIP-74).
   */
  public static final String PUBLIC_MAX_BATCH_BYTES = Integer.toString(8 * 1024 * 1024);

  /** One of regiolink's output topics ({@code regiolink.*}), which any common client library must read. */
  public boolean publicOutput() {
    return name.startsWith("regiolink.");
  }

  /**
   * Topic-level settings to create the topic with. Public output topics are stored uncompressed:
   * the app's producer compresses with Snappy (its internal topics are most of the bytes), and
   * some popular clients (kafkajs) decode neither it nor LZ4; the broker stores these topics' batches
   * uncompressed whatever the producer sent.
   */
  public Map<String, String> topicConfigs() {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put("cleanup.policy", cleanupPolicy.kafkaValue());
    retention.ifPresent(r -> configs.put("retention.ms", Long.toString(r.toMillis())));
    if (publicOutput()) {
      configs.putAll(publicStorage());
    }
    return configs;
  }

  /** How public output topics store batches (also what the benchmark measures the cost of). */
  public static Map<String, String> publicStorage() {
    return Map.of("compression.type", PUBLIC_COMPRESSION, "max.message.bytes", PUBLIC_MAX_BATCH_BYTES);
  }
}
