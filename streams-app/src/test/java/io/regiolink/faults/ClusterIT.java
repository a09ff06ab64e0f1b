package io.regiolink.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.app.RegiolinkConfig;
import io.regiolink.embedded.BuildInfo;
import io.regiolink.embedded.LocalCluster;
import io.regiolink.embedded.LocalRegistry;
import io.regiolink.embedded.RegistryDistribution;
import io.regiolink.replay.ProcessingLag;
import io.regiolink.testing.Api;
import io.regiolink.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broker loss on a real multi-broker cluster (issue 14, item 2): three KRaft nodes, each its own OS
 * process from Apache Kafka's jars ({@link LocalCluster}, what {@code regiolink cluster} starts),
 * RF 3 and {@code min.insync.replicas} 2 for every topic. While a seeded stream of company changes
 * is produced, one node is killed with SIGKILL and later restarted, then the node of the active
 * controller likewise. The packaged app, a process of its own, must go on counting with no manual
 * step, and the link counts, region summaries and alerts must equal the reference model exactly.
 *
 * <p>{@code faults.seed} replays a run; {@code faults.companies} (default 300) sizes it.
 */
class ClusterIT {
  private static final String APPLICATION_ID = "regiolink-cluster-test";

  @TempDir Path work;

  @Test
  void losingABrokerAndTheActiveControllerMidStreamLosesAndDoublesNothing() throws Exception {
    long seed = Long.getLong("faults.seed", new Random().nextLong());
    int companies = Integer.getInteger("faults.companies", 300);
    System.out.printf("ClusterIT seed %d: %d companies (replay with -Dfaults.seed=%d)%n", seed, companies, seed);
    Random random = new Random(seed);
    ChangeScript script = new ChangeScript(new Random(random.nextLong()), companies,
        ChangeScript.firstWindowBefore(Instant.now(), Duration.ofDays(42)));
    RegiolinkConfig settings = TestConfigs.local(work.resolve("config"));
    RegistryDistribution distribution =
        RegistryDistribution.locate(settings.demo().registryHome(), BuildInfo.load().registryVersion());

    try (LocalCluster cluster = LocalCluster.start(work.resolve("cluster"), 3, "384m");
        LocalRegistry registry = LocalRegistry.start(distribution, work.resolve("registry"), 0, "384m")) {
      RegiolinkConfig config = settings.withAddresses(cluster.bootstrapServers(), registry.url());
      RegiolinkProcess app = RegiolinkProcess.start(config, APPLICATION_ID, work.resolve("app"),
          Map.of("topics.partitions", "3"), work.resolve("app.log"));
      Faults faults = new Faults(cluster, new Random(random.nextLong()));
      Thread faulting = new Thread(faults, "cluster-test-faults");
      try (ProcessingLag lag = ProcessingLag.ofRegiolink(config.kafkaClientSettings(), APPLICATION_ID)) {
        app.awaitHealthy(Duration.ofMinutes(3));
        assertEveryTopicReplicated(config);

        ScriptRun run = new ScriptRun(config, script);
        faulting.start();
        for (ChangeScript.Phase phase : script.phases()) {
          run.produce(phase, random);
          ScriptRun.awaitCounted(lag, "phase " + phase.number(), faults::rethrow, () -> app.tail(40));
          System.out.printf("ClusterIT phase %d counted: %d records; faults so far: %s%n", phase.number(),
              phase.records(), faults.done());
        }
        faulting.join(Duration.ofMinutes(3).toMillis());
        assertThat(faulting.isAlive()).as("the faults were all done within 3 minutes").isFalse();
        faults.rethrow();
        assertThat(app.isAlive()).as("the app process outlived every fault").isTrue();
        ScriptRun.awaitCounted(lag, "the end", faults::rethrow, () -> app.tail(40));
        System.out.printf("ClusterIT: %d records sent while %s%n", run.records(), faults.done());
        run.assertExact(new Api(app.http()), "ClusterIT");
        app.stop();
      } finally {
        faults.stop();
        faulting.join(Duration.ofMinutes(1).toMillis());
        if (app.isAlive()) {
          app.kill();
        }
      }
    }
  }

  /** Every topic, Kafka's internal ones and Kafka Streams' included, has 3 replicas and needs 2 in sync. */
  private static void assertEveryTopicReplicated(RegiolinkConfig config) throws Exception {
    try (Admin admin = Admin.create(config.kafkaClientSettings())) {
      Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
      Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
      List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
      var configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
      Map<String, String> wrong = new TreeMap<>();
      topics.forEach((name, topic) -> topic.partitions().forEach(p -> {
        if (p.replicas().size() != 3) {
          wrong.put(name + "-" + p.partition(), p.replicas().size() + " replicas");
        }
      }));
      configs.forEach((resource, topicConfig) -> {
        String minInSync = topicConfig.get("min.insync.replicas").value();
        if (!"2".equals(minInSync)) {
          wrong.put(resource.name(), "min.insync.replicas " + minInSync);
        }
      });
      System.out.printf("ClusterIT: %d topics, every one RF 3 and min.insync.replicas 2: %s%n", names.size(),
          wrong.isEmpty());
      assertThat(names).as("the app's own topics and Kafka Streams' are there")
          .contains("__consumer_offsets", "__transaction_state", "regiolink.links.v1")
          .anyMatch(n -> n.startsWith(APPLICATION_ID) && n.endsWith("-changelog"))
          .anyMatch(n -> n.startsWith(APPLICATION_ID) && n.endsWith("-repartition"));
      assertThat(wrong).as("topics not kept as RF 3, min.insync.replicas 2").isEmpty();
    }
  }

  /**
   * The damage, at seeded moments: a node that is not the active controller is killed and, some
   * seconds later, restarted; then the active controller's node likewise.
   */
  private static final class Faults implements Runnable {
    private final LocalCluster cluster;
    private final Random random;
    private final List<String> done = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;

    Faults(LocalCluster cluster, Random random) {
      this.cluster = cluster;
      this.random = random;
    }

    @Override
    public void run() {
      try {
        pause(1, 3);
        int controller = cluster.activeController(Duration.ofSeconds(30));
        List<Integer> others = new ArrayList<>(cluster.nodes());
        others.remove(Integer.valueOf(controller));
        int broker = others.get(random.nextInt(others.size()));
        killAndRestart(broker, "broker " + broker);
        pause(2, 5);
        int active = cluster.activeController(Duration.ofSeconds(30));
        killAndRestart(active, "active controller " + active);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable e) {
        failure.set(e);
      }
    }

    private void killAndRestart(int node, String what) throws InterruptedException {
      if (stopped) {
        return;
      }
      cluster.kill(node);
      long killed = System.nanoTime();
      record("killed " + what + " (SIGKILL)");
      pause(6, 12);
      cluster.restart(node);
      record(String.format("%s back after %.1f s down", what, (System.nanoTime() - killed) / 1e9));
    }

    private void pause(int fromSeconds, int toSeconds) throws InterruptedException {
      Thread.sleep(TimeUnit.SECONDS.toMillis(fromSeconds) + random.nextInt((int) TimeUnit.SECONDS.toMillis(toSeconds - fromSeconds)));
    }

    private synchronized void record(String event) {
      done.add(event);
      System.out.println("ClusterIT fault: " + event);
    }

    synchronized List<String> done() {
      return List.copyOf(done);
    }

    void rethrow() {
      Throwable e = failure.get();
      if (e != null) {
        throw new AssertionError("The fault driver failed: " + e.getMessage(), e);
      }
    }

    void stop() {
      stopped = true;
    }
  }
}
