package io.regiolink.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.embedded.LocalKafka;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lag that "counted" waits on, against a real broker: an application's own transactional
 * topic, where commit markers and aborted records take offsets that hold nothing to count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessingLagIT {
  private static final String INPUT = "lag.input";
  private static final String OWN = "lag-app-repartition";
  private static final String GROUP = "lag-app";

  @TempDir static Path dir;
  LocalKafka kafka;
  Admin admin;

  @BeforeAll
  void start() throws Exception {
    kafka = LocalKafka.start(dir.resolve("kafka"), 0);
    admin = Admin.create(settings());
    admin.createTopics(List.of(new NewTopic(INPUT, 1, (short) 1), new NewTopic(OWN, 1, (short) 1)))
        .all().get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  void stop() {
    if (admin != null) {
      admin.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private Map<String, Object> settings() {
    return Map.of("bootstrap.servers", kafka.bootstrapServers());
  }

  @Test
  void recordsAfterTheCommittedOffsetAreBehindButMarkersAndAbortedRecordsAreNot() throws Exception {
    try (KafkaProducer<String, String> plain = new KafkaProducer<>(settings(), new StringSerializer(),
            new StringSerializer());
         KafkaProducer<String, String> transactional = new KafkaProducer<>(Map.of(
             ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
             ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lag-app-1"), new StringSerializer(), new StringSerializer());
         ProcessingLag lag = new ProcessingLag(settings(), GROUP, Set.of(INPUT))) {
      assertThat(lag.behind().anyCommitted()).as("before the group's first commit").isFalse();
      assertThat(lag.total()).isEqualTo(Long.MAX_VALUE);

      for (int i = 0; i < 3; i++) {
        plain.send(new ProducerRecord<>(INPUT, "k" + i, "v" + i)).get();
      }
      transactional.initTransactions();
      // Offsets 0-1 committed records, 2 a commit marker; 3-4 aborted records, 5 an abort marker.
      transactional.beginTransaction();
      transactional.send(new ProducerRecord<>(OWN, "a", "1"));
      transactional.send(new ProducerRecord<>(OWN, "b", "2"));
      transactional.commitTransaction();
      transactional.beginTransaction();
      transactional.send(new ProducerRecord<>(OWN, "c", "3"));
      transactional.send(new ProducerRecord<>(OWN, "d", "4"));
      transactional.flush();
      transactional.abortTransaction();

      TopicPartition input = new TopicPartition(INPUT, 0);
      TopicPartition own = new TopicPartition(OWN, 0);
      commit(Map.of(input, 1L, own, 0L));
      assertThat(lag.behind().partitions()).as("inputs behind: every gap counts, offsets as they are")
          .containsEntry(input, 2L).containsEntry(own, 6L);

      commit(Map.of(input, 3L, own, 0L));
      assertThat(lag.behind().partitions()).as("inputs counted: the two committed records of its own topic")
          .containsExactly(Map.entry(own, 2L));

      commit(Map.of(input, 3L, own, 2L));
      assertThat(lag.total()).as("only a commit marker, aborted records and an abort marker after the offset")
          .isZero();
      assertThat(lag.behind().partitions()).isEmpty();
    }
  }

  /**
   * A partition the group has never committed is behind by all its records, in an input topic and
   * in a repartition topic alike. It once read as nothing behind, so a wait could end while a task
   * whose first transactions had been aborted (its producer fenced) still had its input to count.
   */
  @Test
  void partitionsTheGroupNeverCommittedAreBehindByEverythingInThem() throws Exception {
    String group = "lag-fenced";
    String input = "lag.input.two";
    String own = group + "-KSTREAM-AGGREGATE-0000000003-repartition";
    admin.createTopics(List.of(new NewTopic(input, 2, (short) 1), new NewTopic(own, 2, (short) 1)))
        .all().get(60, TimeUnit.SECONDS);
    try (KafkaProducer<String, String> plain = new KafkaProducer<>(settings(), new StringSerializer(),
            new StringSerializer());
         ProcessingLag lag = new ProcessingLag(settings(), group, Set.of(input))) {
      for (int partition = 0; partition < 2; partition++) {
        for (int i = 0; i < 5; i++) {
          plain.send(new ProducerRecord<>(input, partition, "k", "v")).get();
          plain.send(new ProducerRecord<>(own, partition, "k", "v")).get();
        }
      }
      commit(group, Map.of(new TopicPartition(input, 0), 5L, new TopicPartition(own, 0), 5L));
      assertThat(lag.behind().partitions()).as("partition 1 of both topics was never committed")
          .containsExactlyInAnyOrderEntriesOf(Map.of(new TopicPartition(input, 1), 5L, new TopicPartition(own, 1), 5L));
    }
  }

  private void commit(Map<TopicPartition, Long> offsets) throws Exception {
    commit(GROUP, offsets);
  }

  private void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed = new java.util.HashMap<>();
    offsets.forEach((tp, offset) -> committed.put(tp, new OffsetAndMetadata(offset)));
    admin.alterConsumerGroupOffsets(group, committed).all().get(60, TimeUnit.SECONDS);
  }
}
