package io.regiolink.replay;

import io.regiolink.registry.AvroSerdes;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends input records (profiles, site lists) the way regiolink's own tools do: Avro through the
 * registry, string keys, idempotent, batched for throughput; a failed send surfaces at the next
 * flush instead of being lost in a callback.
 */
public final class InputProducer implements AutoCloseable {
  private final KafkaProducer<String, SpecificRecord> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  /**
   * @param client the settings every Kafka client gets (bootstrap servers, kafka.* pass-through)
   * @param registryUrl the schema registry's base URL
   */
  public InputProducer(Map<String, Object> client, URI registryUrl) {
    this.producer = new KafkaProducer<>(settings(client), new StringSerializer(),
        new AvroSerdes(registryUrl).<SpecificRecord>valueSerializer());
  }

  /** How input is produced (also by the benchmark, so it sends as regiolink's tools do): the client settings plus these. */
  public static Map<String, Object> settings(Map<String, Object> client) {
    Map<String, Object> settings = new HashMap<>(client);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return settings;
  }

  public void send(String topic, String key, SpecificRecord value) {
    throwIfFailed();
    producer.send(new ProducerRecord<>(topic, key, value), (metadata, e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      }
    });
  }

  /** Waits until everything sent so far is acknowledged. */
  public void flush() {
    producer.flush();
    throwIfFailed();
  }

  private void throwIfFailed() {
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("Kafka refused records: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
