package io.regiolink.query;

import io.regiolink.links.LinksTopology;
import io.regiolink.topics.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where each partition of each store lives right now, from Kafka Streams' own metadata: which
 * instance holds it active and which hold standbys. Answers change with every rebalance, so they
 * are asked afresh for every query attempt.
 */
public final class Cluster {
  private final KafkaStreams streams;
  private final HostInfo self;
  private final int partitions;
  private final Map<String, String> sourceTopics;

  public Cluster(KafkaStreams streams, HostInfo self, String applicationId, int partitions) {
    this.streams = streams;
    this.self = self;
    this.partitions = partitions;
    // A store's partition p is fed by partition p of its sub-topology's source topic.
    String linkDeltas = applicationId + "-link-deltas-repartition";
    this.sourceTopics = Map.of(
        LinksTopology.LINKS_STORE, linkDeltas,
        LinksTopology.LINKS_BY_DESTINATION_STORE, linkDeltas,
        LinksTopology.REGIONS_STORE, applicationId + "-region-deltas-repartition",
        LinksTopology.COMPANY_STORE, Topics.PROFILES.name(),
        LinksTopology.COVERAGE_STORE, Topics.PROFILES.name());
  }

  public HostInfo self() {
    return self;
  }

  /** Partitions of every store (that of the input topics, which the repartition topics copy). */
  public int partitions() {
    return partitions;
  }

  /** Hosts of one partition: the active first (if any), then the standbys. */
  public record Holders(HostInfo active, List<HostInfo> standbys) {}

  /** The holders of every partition of a store; a partition no instance holds active has a null active. */
  public Map<Integer, Holders> placement(String store) {
    String topic = sourceTopics.get(store);
    Map<Integer, HostInfo> active = new HashMap<>();
    Map<Integer, List<HostInfo>> standbys = new HashMap<>();
    for (StreamsMetadata instance : streams.metadataForAllStreamsClients()) {
      for (TopicPartition tp : instance.topicPartitions()) {
        if (tp.topic().equals(topic)) {
          active.put(tp.partition(), instance.hostInfo());
        }
      }
      for (TopicPartition tp : instance.standbyTopicPartitions()) {
        if (tp.topic().equals(topic)) {
          standbys.computeIfAbsent(tp.partition(), p -> new ArrayList<>()).add(instance.hostInfo());
        }
      }
    }
    Map<Integer, Holders> holders = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      holders.put(p, new Holders(active.get(p), standbys.getOrDefault(p, List.of())));
    }
    return holders;
  }

  /** The partition and holders of one key of a store; empty while the metadata is not available. */
  public java.util.Optional<KeyQueryMetadata> owner(String store, String key) {
    KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
    if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) || metadata.partition() < 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(metadata);
  }
}
