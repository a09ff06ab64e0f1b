package io.regiolink.topics;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** A topic's partitions, for consumers that assign them rather than join a group. */
public final class TopicPartitions {
  private TopicPartitions() {}

  /**
   * Every partition of the topic, in partition order. A topic created a moment ago can still be
   * missing from the consumer's metadata, and {@code partitionsFor} then answers an empty list
   * instead of failing; a consumer that assigned that list would read nothing, silently. So this
   * asks again until the partitions show, and fails after {@code timeout}.
   */
  public static List<TopicPartition> of(Consumer<?, ?> consumer, String topic, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<PartitionInfo> found = consumer.partitionsFor(topic, timeout);
    while (found.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Topic " + topic + " has no partitions in the cluster's metadata after "
            + timeout.toSeconds() + " s: create it (regiolink creates its own at start) or check the bootstrap servers");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the partitions of " + topic, e);
      }
      found = consumer.partitionsFor(topic, timeout);
    }
    return found.stream().map(p -> new TopicPartition(topic, p.partition()))
        .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
  }
}
