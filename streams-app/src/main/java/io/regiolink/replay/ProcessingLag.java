package io.regiolink.replay;

import io.regiolink.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How far the regiolink application is behind: the records of every topic its consumer group
 * reads (inputs and its own repartition topics) that it has not committed yet. Zero means every
 * record sent so far has been counted.
 */
public final class ProcessingLag implements AutoCloseable {
  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> reader;
  private final String groupId;
  private final Set<String> inputTopics;

  /** The lag of a regiolink application, which reads regiolink's input topics. */
  public static ProcessingLag ofRegiolink(Map<String, Object> client, String applicationId) {
    return new ProcessingLag(client, applicationId, Set.of(Topics.PROFILES.name(), Topics.TRADING_SITES.name()));
  }

  /**
   * The lag of any Kafka Streams application (the benchmark measures its peers with it).
   *
   * @param inputTopics the topics it reads that are written without transactions; every other topic
   *     its group reads is taken as its own, transactional one
   */
  public ProcessingLag(Map<String, Object> clientSettings, String groupId, Set<String> inputTopics) {
    this.admin = Admin.create(clientSettings);
    Map<String, Object> readerSettings = new HashMap<>(clientSettings);
    readerSettings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    readerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    readerSettings.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.reader = new KafkaConsumer<>(readerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.groupId = groupId;
    this.inputTopics = Set.copyOf(inputTopics);
  }

  /**
   * What the group has not counted yet: the partitions with records after its committed offsets,
   * most first. Before the group's first commit nothing is known, and that is not "all counted".
   */
  public record Behind(boolean anyCommitted, Map<TopicPartition, Long> partitions) {
    /** Records not yet counted; {@link Long#MAX_VALUE} before the first commit. */
    public long total() {
      return anyCommitted ? partitions.values().stream().mapToLong(Long::longValue).sum() : Long.MAX_VALUE;
    }

    /** The five partitions furthest behind, for messages about an application that seems stuck. */
    @Override
    public String toString() {
      if (!anyCommitted) {
        return "nothing committed yet";
      }
      return partitions.entrySet().stream().limit(5).map(e -> e.getKey() + ": " + e.getValue())
          .collect(Collectors.joining(", ", "", partitions.size() > 5 ? ", ..." : ""));
    }
  }

  /** Records not yet counted, over every partition the group reads; zero when all are counted. */
  public long total() {
    return behind().total();
  }

  public Behind behind() {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      if (offsets.isEmpty()) {
        return new Behind(false, Map.of());
      }
      // A partition the group has never committed is behind by everything in it: a task that has
      // not committed yet (say, its first transactions were aborted) must not read as "all counted".
      Map<TopicPartition, Long> committed = new HashMap<>();
      offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
      Set<TopicPartition> never = new HashSet<>(partitionsRead());
      never.removeAll(committed.keySet());
      if (!never.isEmpty()) {
        admin.listOffsets(never.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.earliest()))).all()
            .get(30, TimeUnit.SECONDS).forEach((partition, earliest) -> committed.put(partition, earliest.offset()));
      }
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
          committed.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all()
          .get(30, TimeUnit.SECONDS);
      Map<TopicPartition, Long> behind = new HashMap<>();
      long inputsBehind = 0;
      for (var entry : committed.entrySet()) {
        long gap = Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue());
        if (gap > 0) {
          behind.put(entry.getKey(), gap);
          inputsBehind += inputTopics.contains(entry.getKey().topic()) ? gap : 0;
        }
      }
      if (inputsBehind == 0) {
        // The app's own topics are written in transactions: commit markers and aborted records take
        // offsets that hold nothing to count, and the group's offset may stay before them. Once the
        // inputs are counted, what is left there is counted record by record.
        for (TopicPartition own : List.copyOf(behind.keySet())) {
          long pending = committedRecordsFrom(own, committed.get(own));
          if (pending == 0) {
            behind.remove(own);
          } else {
            behind.put(own, pending);
          }
        }
      }
      return new Behind(true, behind.entrySet().stream()
          .sorted(Map.Entry.<TopicPartition, Long>comparingByValue().reversed())
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)));
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot read the lag of consumer group " + groupId + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  /**
   * Every partition the group reads: the input topics' and its own repartition topics' (Kafka
   * Streams names them {@code <application.id>-...-repartition}).
   */
  private Set<TopicPartition> partitionsRead() throws ExecutionException, InterruptedException, TimeoutException {
    Set<String> topics = new HashSet<>();
    admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
        .filter(t -> inputTopics.contains(t) || (t.startsWith(groupId + "-") && t.endsWith("-repartition")))
        .forEach(topics::add);
    Set<TopicPartition> partitions = new HashSet<>();
    admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, topic) ->
        topic.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
    return partitions;
  }

  /** The committed (read_committed-visible) records of the partition at or after the offset. */
  private long committedRecordsFrom(TopicPartition partition, long offset) {
    reader.assign(List.of(partition));
    reader.seek(partition, offset);
    long end = reader.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
    long records = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (reader.position(partition, Duration.ofSeconds(30)) < end) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Could not read " + partition + " from offset " + offset + " to " + end
            + " within 30 s");
      }
      records += reader.poll(Duration.ofMillis(100)).count();
    }
    return records;
  }

  @Override
  public void close() {
    reader.close();
    admin.close();
  }
}
