package io.regiolink.replay;

import io.regiolink.config.RegiolinkConfig;
import io.regiolink.topics.Topics;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the regiolink application is behind: the records of every topic its consumer group
 * reads (inputs and its own repartition topics) that it has not committed yet. Zero means every
 * record sent so far has been counted.
 */
public final class ProcessingLag implements AutoCloseable {
  private final Admin admin;
  private final String groupId;
  private final Set<String> inputTopics;

  /** The lag of this configuration's application, which reads regiolink's input topics. */
  public ProcessingLag(RegiolinkConfig config) {
    this(config.kafkaClientSettings(), config.applicationId(),
        Set.of(Topics.PROFILES.name(), Topics.TRADING_SITES.name()));
  }

  /**
   * The lag of any Kafka Streams application (the benchmark measures its peers with it).
   *
   * @param inputTopics the topics it reads that are written without transactions; every other topic
   *     its group reads is taken as its own, transactional one
   */
  public ProcessingLag(Map<String, Object> clientSettings, String groupId, Set<String> inputTopics) {
    this.admin = Admin.create(clientSettings);
    this.groupId = groupId;
    this.inputTopics = Set.copyOf(inputTopics);
  }

  public long total() {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      if (committed.isEmpty()) {
        return Long.MAX_VALUE;
      }
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
          committed.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all()
          .get(30, TimeUnit.SECONDS);
      long lag = 0;
      for (var entry : committed.entrySet()) {
        long behind = ends.get(entry.getKey()).offset() - entry.getValue().offset();
        // The app's own repartition topics are written in transactions, and a commit marker
        // takes an offset after the last record: one offset behind there is no record behind.
        boolean transactional = !inputTopics.contains(entry.getKey().topic());
        lag += transactional && behind == 1 ? 0 : Math.max(0, behind);
      }
      return lag;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot read the lag of consumer group " + groupId + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
