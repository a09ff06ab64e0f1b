package io.regiolink.links;

import io.regiolink.avro.internal.CountDeltaBatch;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Where the summed deltas go: the partition of the count stores that owns each key, found exactly
 * as Kafka Streams' default partitioner finds it (murmur2 of the key's UTF-8 bytes), so that
 * interactive queries, which look a key's partition up that way, find the count where it is kept.
 * A batch record is keyed by its partition's number and is sent to that partition.
 */
final class DeltaBatches implements StreamPartitioner<String, CountDeltaBatch> {
  private final int partitions;

  /** @param partitions the partitions of the batch topics, and so of the count stores' tasks */
  DeltaBatches(int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
    }
    this.partitions = partitions;
  }

  int partitions() {
    return partitions;
  }

  /** The partition that owns a link or region key. */
  int partitionOf(String key) {
    return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);
  }

  @Override
  public Optional<Set<Integer>> partitions(String topic, String key, CountDeltaBatch batch, int numPartitions) {
    if (numPartitions != partitions) {
      // The keys were grouped for another partition count: sending them on would count them in
      // tasks that queries never ask.
      throw new StreamsException("Topic " + topic + " has " + numPartitions + " partitions, but regiolink groups "
          + "deltas for " + partitions + " (topics.partitions). Reset the application (kafka-streams-application-reset) "
          + "or set topics.partitions=" + numPartitions + ".");
    }
    return Optional.of(Set.of(Integer.parseInt(key)));
  }
}
