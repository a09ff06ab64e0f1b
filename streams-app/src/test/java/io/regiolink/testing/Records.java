package io.regiolink.testing;

import io.regiolink.app.RegiolinkConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produce and read records on a real cluster, for tests. */
public final class Records {
  private Records() {}

  public static <V> void produce(RegiolinkConfig config, String topic, String key, V value, Serializer<V> serializer)
      throws Exception {
    Map<String, Object> settings = new HashMap<>(config.kafkaClientSettings());
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<>(settings, new StringSerializer(), serializer)) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  /** Sends the records in order through one producer, waiting for every acknowledgement. */
  public static <V> void produceAll(RegiolinkConfig config, String topic, List<Map.Entry<String, V>> records,
      Serializer<V> serializer) throws Exception {
    Map<String, Object> settings = new HashMap<>(config.kafkaClientSettings());
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<>(settings, new StringSerializer(), serializer)) {
      List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
      for (Map.Entry<String, V> record : records) {
        sent.add(producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())));
      }
      for (java.util.concurrent.Future<?> ack : sent) {
        ack.get();
      }
    }
  }

  /** Reads every record of the topic from the start until {@code count} have arrived or the timeout passes. */
  public static <K, V> List<ConsumerRecord<K, V>> consume(RegiolinkConfig config, String topic, int count,
      Deserializer<K> keys, Deserializer<V> values, Duration timeout) {
    return consumeUntil(config, topic, keys, values, r -> r.size() >= count, Duration.ZERO, timeout);
  }

  /**
   * Reads the topic from the start until {@code done} holds for what has arrived, then for
   * {@code settle} longer (so a duplicate that would follow is seen too), or until the timeout.
   */
  public static <K, V> List<ConsumerRecord<K, V>> consumeUntil(RegiolinkConfig config, String topic,
      Deserializer<K> keys, Deserializer<V> values, java.util.function.Predicate<List<ConsumerRecord<K, V>>> done,
      Duration settle, Duration timeout) {
    Map<String, Object> settings = new HashMap<>(config.kafkaClientSettings());
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<K, V>> received = new java.util.ArrayList<>();
    try (var consumer = new KafkaConsumer<>(settings, keys, values)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        if (done.test(received)) {
          deadline = Math.min(deadline, System.nanoTime() + settle.toNanos());
          if (settle.isZero()) {
            break;
          }
        }
      }
    }
    return received;
  }

  /**
   * Reads a compacted topic from the start into a last-value-per-key map (tombstones remove keys)
   * until {@code done} holds for it or the timeout passes; returns the map either way.
   */
  public static <V> Map<String, V> compactedUntil(RegiolinkConfig config, String topic, Deserializer<V> values,
      java.util.function.Predicate<Map<String, V>> done, Duration timeout) {
    Map<String, Object> settings = new HashMap<>(config.kafkaClientSettings());
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, V> latest = new java.util.TreeMap<>();
    try (var consumer = new KafkaConsumer<>(settings, new org.apache.kafka.common.serialization.StringDeserializer(), values)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (r.value() == null) {
            latest.remove(r.key());
          } else {
            latest.put(r.key(), r.value());
          }
        });
        if (done.test(latest)) {
          break;
        }
      }
    }
    return latest;
  }

  public static <K, V> ConsumerRecord<K, V> consumeOne(RegiolinkConfig config, String topic,
      Deserializer<K> keys, Deserializer<V> values) {
    List<ConsumerRecord<K, V>> records = consume(config, topic, 1, keys, values, Duration.ofSeconds(30));
    if (records.isEmpty()) {
      throw new AssertionError("No record arrived on " + topic + " within 30 s");
    }
    return records.get(0);
  }
}
