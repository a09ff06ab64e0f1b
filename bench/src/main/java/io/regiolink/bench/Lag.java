package io.regiolink.bench;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Records a Kafka Streams application has not committed yet, over every topic its group reads.
 * The app's own (transactional) topics end with a commit marker, so one offset behind there is
 * nothing behind; the bench's input topics are written without transactions.
 */
final class Lag implements AutoCloseable {
  private final Admin admin;
  private final String groupId;
  private final Set<String> plainTopics;

  Lag(String bootstrap, String groupId, Set<String> plainTopics) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    this.groupId = groupId;
    this.plainTopics = plainTopics;
  }

  long total() {
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
        boolean transactional = !plainTopics.contains(entry.getKey().topic());
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
