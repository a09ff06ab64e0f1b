package io.regiolink.app;

import io.regiolink.topics.TopicProvisioner;
import io.regiolink.topics.Topics;
import io.regiolink.registry.RegistryClient;
import io.regiolink.registry.SchemaProvisioner;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * Makes a cluster and registry ready for regiolink: checks both answer, creates the missing
 * topics of the contract, and registers their value schemas with BACKWARD compatibility.
 * Idempotent, so every start may run it.
 */
public final class ContractSetup {
  private static final long CLUSTER_TIMEOUT_SECONDS = 30;

  private ContractSetup() {}

  /** What was found and done, for the start-up banner. */
  public record Result(String clusterId, int brokers, TopicProvisioner.Outcome topics, Map<String, Integer> schemaIds) {}

  public static Result run(RegiolinkConfig config) {
    String bootstrap = config.requireBootstrapServers();
    RegistryClient registry = new RegistryClient(config.requireRegistryUrl());
    try (Admin admin = Admin.create(config.kafkaClientSettings())) {
      var cluster = admin.describeCluster();
      String clusterId;
      int brokers;
      try {
        clusterId = cluster.clusterId().get(CLUSTER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        brokers = cluster.nodes().get(CLUSTER_TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof AuthenticationException refused) {
          // It answered: the address is right, and saying otherwise would send people the wrong way.
          throw new IllegalStateException("The Kafka cluster at " + bootstrap + " refused regiolink's credentials ("
              + refused.getMessage() + "): check kafka.sasl.jaas.config (user and password), kafka.sasl.mechanism and, "
              + "for TLS, kafka.ssl.truststore.location against what the cluster expects.", refused);
        }
        throw noAnswer(bootstrap, e);
      } catch (TimeoutException e) {
        throw noAnswer(bootstrap, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while contacting " + bootstrap, e);
      }
      registry.subjects();
      TopicProvisioner.Outcome topics = new TopicProvisioner(admin).ensure(Topics.ALL, config.kafka().topicPartitions());
      Map<String, Integer> ids = new SchemaProvisioner(registry).ensure(Topics.ALL);
      return new Result(clusterId, brokers, topics, ids);
    }
  }

  private static IllegalStateException noAnswer(String bootstrap, Exception cause) {
    return new IllegalStateException("No Kafka cluster answered at " + bootstrap + " within " + CLUSTER_TIMEOUT_SECONDS
        + " s: check bootstrap.servers and the kafka.* security settings.", cause);
  }
}
