package io.regiolink.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regiolink.avro.internal.CountDeltaBatch;
import io.regiolink.avro.internal.DeltaTarget;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.internals.DefaultStreamPartitioner;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DeltaBatchesTest {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaBatchesTest.class);

  /**
   * Interactive queries find a key's partition with Kafka Streams' default partitioner; a batch
   * must put each key's delta on that same partition, or queries would ask a task without it.
   */
  @Test
  void keysGoWhereKafkaStreamsLooksForThem() {
    long seed = new Random().nextLong();
    LOG.info("seed {}", seed);
    Random random = new Random(seed);
    DefaultStreamPartitioner<String, Object> kafkas = new DefaultStreamPartitioner<>(Serdes.String().serializer());
    for (int partitions = 1; partitions <= 12; partitions++) {
      DeltaBatches batches = new DeltaBatches(partitions);
      for (int i = 0; i < 2_000; i++) {
        String key = "lad:E0" + random.nextInt(10_000_000) + ":E0" + random.nextInt(10_000_000) + ":" + (i % 2 == 0 ? "ALL" : "KI");
        assertThat(Optional.of(Set.of(batches.partitionOf(key))))
            .as("partition of %s among %d (seed %d)", key, partitions, seed)
            .isEqualTo(kafkas.partitions("t", key, null, new RecordHeaders(), partitions));
      }
    }
  }

  @Test
  void aBatchGoesToThePartitionItIsKeyedBy() {
    CountDeltaBatch batch = new CountDeltaBatch(DeltaTarget.LINK, List.of());
    assertThat(new DeltaBatches(4).partitions("t", "3", batch, 4)).contains(Set.of(3));
  }

  @Test
  void aTopicWithOtherPartitionsStopsTheTaskSayingWhatToDo() {
    CountDeltaBatch batch = new CountDeltaBatch(DeltaTarget.LINK, List.of());
    assertThatThrownBy(() -> new DeltaBatches(4).partitions("regiolink-link-delta-batches-repartition", "1", batch, 6))
        .isInstanceOf(StreamsException.class)
        .hasMessageContaining("has 6 partitions")
        .hasMessageContaining("topics.partitions=6");
  }
}
