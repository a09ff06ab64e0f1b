package io.regiolink.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the contract's topics that are missing, with their cleanup policies, and reports
 * existing ones whose policy differs (it never changes a topic someone else created).
 */
public final class TopicProvisioner {
  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final long TIMEOUT_SECONDS = 60;

  private final Admin admin;

  public TopicProvisioner(Admin admin) {
    this.admin = admin;
  }

  /** What happened to each topic. */
  public record Outcome(List<String> created, List<String> existing, List<String> warnings) {}

  public Outcome ensure(Collection<TopicSpec> topics, int partitions) {
    try {
      Set<String> present = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<String> created = new ArrayList<>();
      List<String> existing = new ArrayList<>();
      List<NewTopic> toCreate = new ArrayList<>();
      for (TopicSpec topic : topics) {
        if (present.contains(topic.name())) {
          existing.add(topic.name());
        } else {
          // Replication is left to the cluster's default.replication.factor: one on the demo's
          // single node, whatever production brokers are set to elsewhere.
          toCreate.add(new NewTopic(topic.name(), Optional.of(partitions), Optional.empty()).configs(topic.topicConfigs()));
        }
      }
      if (!toCreate.isEmpty()) {
        for (var entry : admin.createTopics(toCreate).values().entrySet()) {
          try {
            entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            created.add(entry.getKey());
          } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
              throw e;
            }
            existing.add(entry.getKey());
          }
        }
      }
      List<String> warnings = checkPolicies(topics, existing);
      warnings.forEach(LOG::warn);
      LOG.info("Topics: created {}, already present {}", created, existing);
      return new Outcome(List.copyOf(created), List.copyOf(existing), warnings);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot create the regiolink topics: " + e.getCause().getMessage()
          + ". Check that the cluster is reachable and that this principal may create and describe topics.", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("The Kafka cluster did not answer within " + TIMEOUT_SECONDS
          + " s while creating topics: check bootstrap.servers and the kafka.* security settings.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    }
  }

  private List<String> checkPolicies(Collection<TopicSpec> topics, List<String> existing)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<String> warnings = new ArrayList<>();
    if (existing.isEmpty()) {
      return warnings;
    }
    List<ConfigResource> resources = existing.stream()
        .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
    Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    for (TopicSpec topic : topics) {
      Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
      if (config == null) {
        continue;
      }
      var policy = config.get("cleanup.policy");
      String actual = policy == null ? "" : policy.value();
      if (!actual.equals(topic.cleanupPolicy().kafkaValue())) {
        warnings.add("Topic " + topic.name() + " has cleanup.policy=" + actual + " but regiolink expects "
            + topic.cleanupPolicy().kafkaValue() + "; fix it with kafka-configs --alter --add-config cleanup.policy="
            + topic.cleanupPolicy().kafkaValue());
      }
      var compression = config.get("compression.type");
      String stored = compression == null ? "" : compression.value();
      if (topic.publicOutput() && !stored.equals(TopicSpec.PUBLIC_COMPRESSION) && !stored.equals("gzip")) {
        warnings.add("Topic " + topic.name() + " has compression.type=" + stored + ", so clients without that codec "
            + "(kafkajs has no LZ4) cannot read it; fix it with kafka-configs --alter --add-config compression.type="
            + TopicSpec.PUBLIC_COMPRESSION);
      }
    }
    return warnings;
  }
}
