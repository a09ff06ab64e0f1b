package io.regiolink.cli;

import io.regiolink.app.RegiolinkConfig;
import io.regiolink.embedded.BuildInfo;
import io.regiolink.embedded.LocalCluster;
import io.regiolink.embedded.LocalRegistry;
import io.regiolink.embedded.RegistryDistribution;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A local multi-broker cluster to run {@code regiolink run} instances against: the nodes as
 * separate processes, so that one can be killed with {@code kill -9} and the app watched carrying on.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = {"Start a local Kafka cluster of separate broker processes, and a schema registry, until Ctrl-C.",
        "Each node is a KRaft broker and controller from Apache Kafka's jars; every topic gets 3 replicas with",
        "min.insync.replicas 2. A node that dies (try kill -9 on a pid it prints) is started again after",
        "--restart-after. Data stays under <state-dir>/cluster, so a restart resumes. Then run instances",
        "with 'regiolink run' and the addresses it prints."})
public final class ClusterCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterCommand.class);

  @Mixin ConfigOptions options = new ConfigOptions();

  @Option(names = "--nodes", defaultValue = "3", description = "Broker processes (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--node-heap", defaultValue = "512m", description = "Each node's -Xmx (default: ${DEFAULT-VALUE}).")
  String nodeHeap;

  @Option(names = "--restart-after", defaultValue = "PT10S", paramLabel = "DURATION",
      description = "Start a node that died again after this long, ISO-8601 (default: ${DEFAULT-VALUE}; PT0S: never).")
  Duration restartAfter;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    RegiolinkConfig config = options.load(System.getenv());
    Path dir = config.stateDir().resolve("cluster").toAbsolutePath().normalize();
    RegistryDistribution distribution =
        RegistryDistribution.locate(config.demo().registryHome(), BuildInfo.load().registryVersion());
    ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "regiolink-cluster-restarts");
      thread.setDaemon(true);
      return thread;
    });
    LocalCluster cluster = LocalCluster.start(dir, nodes, nodeHeap);
    LocalRegistry registry;
    try {
      registry = LocalRegistry.start(distribution, dir.resolve("registry"), config.demo().registryPort(),
          config.demo().registryHeap());
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    Shutdown shutdown = Shutdown.onSignal(() -> {
      LOG.info("Stopping the local cluster");
      restarts.shutdownNow();
      try {
        registry.close();
      } finally {
        cluster.close();
      }
    });
    for (int node : cluster.nodes()) {
      watch(cluster, node, restarts);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Local Kafka cluster: %d nodes at %s (data in %s)%n", nodes, cluster.bootstrapServers(), dir);
    for (int node : cluster.nodes()) {
      out.printf("  node %d: pid %d, log %s%n", node, cluster.pid(node), cluster.log(node));
    }
    out.printf("Schema registry: %s%n", registry.url());
    out.printf("Run instances against it, each in its own terminal, e.g.:%n");
    for (int instance = 1; instance <= 2; instance++) {
      out.printf("  java -jar regiolink.jar run --bootstrap-servers %s --registry-url %s --state-dir .regiolink-%d"
          + " --http-port %d --set num.standby.replicas=1%n", cluster.bootstrapServers(), registry.url(), instance,
          8080 + instance);
    }
    out.printf("A node killed with kill -9 is started again after %s. Ctrl-C stops everything.%n",
        restartAfter.isZero() ? "never (--restart-after PT0S)" : restartAfter.toSeconds() + " s");
    out.flush();
    shutdown.await();
    return 0;
  }

  /** When the node's process ends (not by Ctrl-C), start it again after the delay. */
  private void watch(LocalCluster cluster, int node, ScheduledExecutorService restarts) {
    Process process = cluster.process(node);
    process.onExit().thenRun(() -> {
      if (restarts.isShutdown()) {
        return;
      }
      if (restartAfter.isZero()) {
        LOG.warn("Kafka node {} (pid {}) ended with exit code {}; not restarting it (--restart-after PT0S)", node,
            process.pid(), process.exitValue());
        return;
      }
      LOG.warn("Kafka node {} (pid {}) ended with exit code {}; starting it again in {} s", node, process.pid(),
          process.exitValue(), restartAfter.toSeconds());
      restarts.schedule(() -> {
        try {
          cluster.restart(node);
          LOG.info("Kafka node {} is back (pid {})", node, cluster.pid(node));
          watch(cluster, node, restarts);
        } catch (RuntimeException e) {
          LOG.error("Kafka node {} did not start again: {}", node, e.getMessage());
        }
      }, restartAfter.toMillis(), TimeUnit.MILLISECONDS);
    });
  }
}
