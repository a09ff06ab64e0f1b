package io.regiolink.bench;

import io.regiolink.replay.InputProducer;
import io.regiolink.topics.TopicPartitions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The bench's own Kafka clients: send the encoded input, read topics back read_committed. */
final class KafkaIo {
  private final String bootstrap;

  KafkaIo(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  void createTopics(int partitions, String... names) {
    createTopics(partitions, Map.of(), names);
  }

  /** Topics with these topic-level settings (e.g. compression.type). */
  void createTopics(int partitions, Map<String, String> configs, String... names) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      for (String name : names) {
        try {
          admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
              .all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("Cannot create topic " + name + ": " + e.getCause().getMessage(), e);
          }
        }
      }
      awaitLeaders(admin, List.of(names));
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("Cannot create topics on " + bootstrap + ": " + e, e);
    }
  }

  /**
   * Waits until every partition of the topics has a leader. Created is not yet writable: a CI run
   * sent to a topic a moment old, got NOT_LEADER_OR_FOLLOWER for its first batch, and the
   * idempotent producer then retried the next ones as OUT_OF_ORDER_SEQUENCE_NUMBER until they
   * expired two minutes later.
   */
  private static void awaitLeaders(Admin admin, List<String> names) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        boolean led = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
            .flatMap(t -> t.partitions().stream()).allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        if (led) {
          return;
        }
      } catch (ExecutionException e) {
        // not known to the broker's metadata yet: ask again
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("Topics " + names + " have no leader for every partition after 60 s");
      }
      Thread.sleep(100);
    }
  }

  /** The producer every pipeline's input is sent with: the settings of regiolink's own replay tool. */
  KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(InputProducer.settings(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Sends every item to its topic and waits for all acknowledgements. */
  void send(EncodedInput input, String profileTopic, String sitesTopic) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (EncodedInput.Item item : input.items()) {
        String topic = item.kind() == EncodedInput.Kind.PROFILE ? profileTopic : sitesTopic;
        producer.send(new ProducerRecord<>(topic, item.key(), item.value()), (m, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("The broker refused input records: " + failure.get().getMessage(), failure.get());
    }
  }

  KafkaConsumer<byte[], byte[]> consumer() {
    Map<String, Object> settings = new HashMap<>();
    settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    settings.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Reads the topics from the start until {@code count} records have come; fails when none has
   * come for {@code stall}.
   */
  long consume(long count, Duration stall, String... topics) {
    long seen = 0;
    long lastArrival = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(consumer, topics);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (seen < count) {
        if (System.nanoTime() - lastArrival > stall.toNanos()) {
          throw new IllegalStateException("Read " + seen + " of " + count + " records from " + String.join(",", topics)
              + ", then none for " + stall.toSeconds() + " s");
        }
        int arrived = consumer.poll(Duration.ofMillis(200)).count();
        if (arrived > 0) {
          seen += arrived;
          lastArrival = System.nanoTime();
        }
      }
    }
    return seen;
  }

  /** Everything on the topic up to its current end, read_committed, handed over record by record. */
  void readToEnd(String topic, BiConsumer<byte[], byte[]> each) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Could not read " + topic + " to its end within 10 minutes");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          each.accept(r.key(), r.value());
        }
      }
    }
  }

  static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String... topics) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      partitions.addAll(TopicPartitions.of(consumer, topic, Duration.ofSeconds(60)));
    }
    return partitions;
  }
}
