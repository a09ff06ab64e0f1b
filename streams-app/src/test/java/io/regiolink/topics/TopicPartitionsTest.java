package io.regiolink.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A new topic's partitions: asked for again while the metadata does not have them yet. */
class TopicPartitionsTest {

  /** A consumer whose metadata lacks the topic for the first {@code misses} answers, as right after creation. */
  private static MockConsumer<byte[], byte[]> consumer(int misses) {
    MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
      private int asked;

      @Override
      public synchronized List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        return asked++ < misses ? List.of() : super.partitionsFor(topic, timeout);
      }
    };
    consumer.updatePartitions("t", List.of(new PartitionInfo("t", 1, null, null, null),
        new PartitionInfo("t", 0, null, null, null)));
    return consumer;
  }

  @Test
  void aTopicMissingFromTheFirstAnswersIsAskedForAgain() {
    assertThat(TopicPartitions.of(consumer(3), "t", Duration.ofSeconds(10)))
        .containsExactly(new TopicPartition("t", 0), new TopicPartition("t", 1));
  }

  @Test
  void aTopicThatNeverShowsFailsNamingIt() {
    assertThatThrownBy(() -> TopicPartitions.of(consumer(Integer.MAX_VALUE), "t", Duration.ofMillis(300)))
        .hasMessageContaining("Topic t has no partitions");
  }
}
