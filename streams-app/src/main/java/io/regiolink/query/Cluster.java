package io.regiolink.query;

import io.regiolink.topics.Topics;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.TopologyDescription;
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
  private final Map<QueryableStore, String> sourceTopics;

  public Cluster(KafkaStreams streams, HostInfo self, TopologyDescription topology, String applicationId,
      int partitions) {
    this.streams = streams;
    this.self = self;
    this.partitions = partitions;
    this.sourceTopics = sourceTopics(topology, applicationId);
  }

  /**
   * A store's partition p is fed by partition p of its sub-topology's source topics, so the
   * assignment of that topic says where the store's partition is. Read from the topology itself,
   * so a renamed repartition topic cannot leave this map pointing at nothing.
   */
  static Map<QueryableStore, String> sourceTopics(TopologyDescription topology, String applicationId) {
    Map<QueryableStore, String> topics = new EnumMap<>(QueryableStore.class);
    for (TopologyDescription.Subtopology sub : topology.subtopologies()) {
      Set<String> stores = new TreeSet<>();
      Set<String> sources = new TreeSet<>();
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Processor processor) {
          stores.addAll(processor.stores());
        } else if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          sources.addAll(source.topicSet());
        }
      }
      for (QueryableStore store : QueryableStore.values()) {
        if (stores.contains(store.storeName()) && !sources.isEmpty()) {
          String topic = sources.iterator().next();
          // Internal topics are named without the application id in the description.
          boolean contract = Topics.ALL.stream().anyMatch(t -> t.name().equals(topic));
          topics.put(store, contract ? topic : applicationId + "-" + topic);
        }
      }
    }
    for (QueryableStore store : QueryableStore.values()) {
      if (!topics.containsKey(store)) {
        throw new IllegalStateException("The topology has no store " + store.storeName() + " fed by a source topic");
      }
    }
    return topics;
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
  public Map<Integer, Holders> placement(QueryableStore store) {
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
  public Optional<KeyQueryMetadata> owner(QueryableStore store, String key) {
    KeyQueryMetadata metadata = streams.queryMetadataForKey(store.storeName(), key, Serdes.String().serializer());
    if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) || metadata.partition() < 0) {
      return Optional.empty();
    }
    return Optional.of(metadata);
  }
}
