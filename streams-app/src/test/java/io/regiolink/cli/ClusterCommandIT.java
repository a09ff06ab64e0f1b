package io.regiolink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.testing.Api;
import io.regiolink.testing.PackagedJar;
import io.regiolink.testing.TestConfigs;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's local cluster as a user runs it: {@code regiolink cluster} starts three broker
 * processes and a registry, prints their pids and a {@code run} command; that command counts
 * against it; a node killed with {@code kill -9} is started again by itself; Ctrl-C stops all.
 */
class ClusterCommandIT {
  private static final Pattern BOOTSTRAP = Pattern.compile("Local Kafka cluster: 3 nodes at (\\S+) ");
  private static final Pattern NODE = Pattern.compile("node (\\d+): pid (\\d+)");

  @TempDir Path workDir;

  @Test
  void startsThreeBrokerProcessesRestartsAKilledOneAndStopsThemAll() throws Exception {
    JarRun cluster = JarRun.start(workDir, List.of("cluster", "--state-dir", "cluster-state", "--restart-after", "PT2S",
        "--node-heap", "384m"), Map.of(), "Ctrl-C stops everything");
    try {
      String banner = cluster.output();
      Matcher bootstrap = BOOTSTRAP.matcher(banner);
      assertThat(bootstrap.find()).as("bootstrap servers in:%n%s", banner).isTrue();
      Map<Integer, Long> pids = new TreeMap<>();
      NODE.matcher(banner).results().forEach(m -> pids.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2))));
      assertThat(pids).as("three node pids in:%n%s", banner).hasSize(3);
      assertThat(brokers(bootstrap.group(1))).isEqualTo(3);

      // The printed run command, as a user would paste it (with a free HTTP port).
      String runLine = banner.lines().filter(l -> l.contains("java -jar regiolink.jar run")).findFirst().orElseThrow();
      List<String> words = Arrays.asList(runLine.trim().split("\\s+"));
      List<String> run = new ArrayList<>(words.subList(words.indexOf("run"), words.size()));
      int port = TestConfigs.freePort();
      run.set(run.indexOf("--http-port") + 1, Integer.toString(port));
      JarRun instance = JarRun.start(workDir, run, Map.of("REGIOLINK_MEMORY_TOTAL", "768m"), "Press Ctrl-C to stop.");
      try {
        assertThat(instance.output()).contains("3 brokers)");
        Api api = new Api("http://127.0.0.1:" + port);
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
            .until(() -> healthy(api));
      } finally {
        instance.stop();
      }

      ProcessHandle.of(pids.get(2)).orElseThrow().destroyForcibly();
      assertThat(cluster.awaitLine("Kafka node 2 is back", 120)).as("node 2 restarted; output:%n%s", cluster.output())
          .isTrue();
      Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> brokers(bootstrap.group(1)) == 3);
      assertThat(ProcessHandle.of(pids.get(2)).map(ProcessHandle::isAlive).orElse(false)).isFalse();

      List<ProcessHandle> children = cluster.process.descendants().toList();
      cluster.stop();
      assertThat(cluster.output()).contains("Stopping the local cluster").doesNotContain("Kafka node 1 (pid")
          .doesNotContain("Kafka node 3 (pid");
      for (ProcessHandle child : children) {
        child.onExit().get(30, TimeUnit.SECONDS);
      }

      // The voters were fixed when the nodes were formatted: another node count is refused, saying so.
      PackagedJar.Finished other = PackagedJar.run(workDir, "cluster", "--state-dir", "cluster-state", "--nodes", "1");
      assertThat(other.exitCode()).as(other.output()).isNotZero();
      assertThat(other.output()).contains("has 3 nodes, not 1");
    } finally {
      cluster.kill();
    }
  }

  private static boolean healthy(Api api) {
    try {
      return api.get("/health").ok();
    } catch (UncheckedIOException notYet) {
      return false;
    }
  }

  private static int brokers(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
    }
  }
}
