package io.regiolink.embedded;

import io.regiolink.config.PropertiesFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka cluster of several KRaft nodes on loopback, each a separate OS process ({@link
 * ClusterNode}) running Apache Kafka's own jars, every node both broker and controller. Every
 * topic gets one replica per node, up to 3, and writes need all but one in sync (RF 3,
 * {@code min.insync.replicas} 2 on three nodes), as a production cluster would have them.
 *
 * <p>Ports and the cluster id are kept under the directory, so a killed node comes back as the
 * same member and the whole cluster restarts on its data. This is what {@code regiolink cluster}
 * starts for users, and what the broker-loss test kills nodes of.
 */
public final class LocalCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_REPLICAS = 3;

  private final StateDirLock lock;
  private final Path dir;
  private final String clusterId;
  private final String nodeHeap;
  private final SortedMap<Integer, NodePorts> ports;
  private final SortedMap<Integer, Process> running = new TreeMap<>();

  /** A node's two ports, fixed for its life: the controllers find each other at them. */
  private record NodePorts(int broker, int controller) {}

  private LocalCluster(StateDirLock lock, Path dir, String clusterId, String nodeHeap,
      SortedMap<Integer, NodePorts> ports) {
    this.lock = lock;
    this.dir = dir;
    this.clusterId = clusterId;
    this.nodeHeap = nodeHeap;
    this.ports = ports;
  }

  /**
   * Starts {@code nodes} nodes under {@code dir} (node {@code n} in {@code dir/node-n}) and waits
   * until every one answers; a directory used before keeps its cluster id, ports and data.
   *
   * @param nodeHeap each node JVM's {@code -Xmx}, e.g. {@code 384m}
   */
  public static LocalCluster start(Path dir, int nodes, String nodeHeap) {
    if (nodes < 1) {
      throw new IllegalArgumentException("A cluster needs at least one node, not " + nodes);
    }
    Path absolute = dir.toAbsolutePath().normalize();
    Path file = absolute.resolve("cluster.properties");
    Properties saved = PropertiesFile.read(file);
    String before = saved.getProperty("nodes");
    if (before != null && Integer.parseInt(before.trim()) != nodes) {
      // The controllers' voter set is fixed when the nodes are formatted.
      throw new IllegalArgumentException("The cluster in " + absolute + " has " + before.trim() + " nodes, not "
          + nodes + ": start it with " + before.trim() + ", or use another directory for a cluster of " + nodes);
    }
    String clusterId = saved.getProperty("cluster.id", Uuid.randomUuid().toString());
    SortedMap<Integer, NodePorts> ports = new TreeMap<>();
    Set<Integer> taken = new HashSet<>();
    for (int node = 1; node <= nodes; node++) {
      ports.put(node, new NodePorts(port(saved, "node." + node + ".broker", taken),
          port(saved, "node." + node + ".controller", taken)));
    }
    Properties keep = new Properties();
    keep.setProperty("cluster.id", clusterId);
    keep.setProperty("nodes", Integer.toString(nodes));
    ports.forEach((node, p) -> {
      keep.setProperty("node." + node + ".broker", Integer.toString(p.broker()));
      keep.setProperty("node." + node + ".controller", Integer.toString(p.controller()));
    });
    // Two clusters on one directory would share nodes' data and ports.
    StateDirLock lock = StateDirLock.acquire(absolute);
    PropertiesFile.write(file, keep, "the local cluster's id and its nodes' ports; delete the directory to start afresh");
    LocalCluster cluster = new LocalCluster(lock, absolute, clusterId, nodeHeap, ports);
    long started = System.nanoTime();
    try {
      // All at once: a node answers only when a majority of the controllers runs.
      List<CompletableFuture<Void>> ready = new ArrayList<>();
      for (int node : ports.keySet()) {
        ready.add(cluster.launch(node));
      }
      ready.forEach(LocalCluster::await);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    LOG.info("Local Kafka cluster of {} nodes ready at {} (data in {}) after {} ms", nodes, cluster.bootstrapServers(),
        absolute, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return cluster;
  }

  public String bootstrapServers() {
    return ports.values().stream().map(p -> "127.0.0.1:" + p.broker()).collect(Collectors.joining(","));
  }

  public List<Integer> nodes() {
    return List.copyOf(ports.keySet());
  }

  /** The node's OS process id, while it runs. */
  public synchronized long pid(int node) {
    Process process = running.get(node);
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException("Node " + node + " is not running");
    }
    return process.pid();
  }

  public synchronized boolean isRunning(int node) {
    Process process = running.get(node);
    return process != null && process.isAlive();
  }

  /** The node's process, to watch for its end. */
  public synchronized Process process(int node) {
    Process process = running.get(node);
    if (process == null) {
      throw new IllegalStateException("Node " + node + " was never started");
    }
    return process;
  }

  public Path log(int node) {
    return nodeDir(node).resolve("node.log");
  }

  /** SIGKILL: no controlled shutdown, no flush; the node's data stays as the kill left it. */
  public void kill(int node) throws InterruptedException {
    Process process;
    synchronized (this) {
      process = running.get(node);
    }
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException("Node " + node + " is not running");
    }
    process.destroyForcibly();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException("Node " + node + " (pid " + process.pid() + ") still alive after SIGKILL");
    }
    LOG.info("Killed node {} (pid {})", node, process.pid());
  }

  /** Starts a node that is not running again, on its own data and ports, and waits until it answers. */
  public void restart(int node) {
    if (isRunning(node)) {
      throw new IllegalStateException("Node " + node + " is running");
    }
    await(launch(node));
    LOG.info("Node {} restarted (pid {})", node, pid(node));
  }

  /** The node whose controller leads the metadata quorum now. */
  public int activeController(Duration timeout) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()))) {
      return admin.describeMetadataQuorum().quorumInfo().get(timeout.toMillis(), TimeUnit.MILLISECONDS).leaderId();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("The cluster at " + bootstrapServers() + " did not say which controller is active "
          + "within " + timeout.toSeconds() + " s: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while asking for the active controller", e);
    }
  }

  /** Stops every running node in order (all at once, so none waits for a quorum that is leaving), killing stragglers. */
  @Override
  public void close() {
    List<Process> stopping;
    synchronized (this) {
      stopping = running.values().stream().filter(Process::isAlive).toList();
    }
    for (Process process : stopping) {
      try {
        process.getOutputStream().close();
      } catch (IOException alreadyGone) {
        // Its end of the pipe is closed: it is stopping or stopped.
      }
    }
    for (Process process : stopping) {
      try {
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          LOG.warn("Node process {} did not stop within {} s; killing it", process.pid(), STOP_TIMEOUT.toSeconds());
          process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    lock.close();
  }

  private CompletableFuture<Void> launch(int node) {
    NodePorts own = ports.get(node);
    String voters = ports.entrySet().stream()
        .map(e -> e.getKey() + "@127.0.0.1:" + e.getValue().controller()).collect(Collectors.joining(","));
    Path nodeDir = nodeDir(node);
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + nodeHeap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), ClusterNode.class.getName(),
        nodeDir.toString(), Integer.toString(node), clusterId, voters, Integer.toString(own.broker()),
        Integer.toString(own.controller()), Integer.toString(Math.min(MAX_REPLICAS, ports.size())));
    Process process;
    long logStart;
    try {
      Files.createDirectories(nodeDir);
      logStart = Files.exists(log(node)) ? Files.size(log(node)) : 0;
      // Everything to the log, READY included: whatever logging set-up the classpath brings (a
      // test's may log to standard output), nothing is left in a pipe that nobody drains.
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log(node).toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Kafka node " + node + " in " + nodeDir, e);
    }
    synchronized (this) {
      running.put(node, process);
    }
    // Its own thread, not a pool's: each waits up to the start timeout, and a 2-core machine's
    // common pool has one thread.
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread watcher = new Thread(() -> {
      try {
        awaitReadyLine(node, process, logStart);
        ready.complete(null);
      } catch (RuntimeException e) {
        process.destroyForcibly();
        ready.completeExceptionally(e);
      }
    }, "kafka-node-" + node + "-ready");
    watcher.setDaemon(true);
    watcher.start();
    return ready;
  }

  /** Until the node's log, from where it stood at launch, has its READY line. */
  private void awaitReadyLine(int node, Process process, long logStart) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      String written = sinceLaunch(node, logStart);
      if (written.startsWith(ClusterNode.READY + " ") || written.contains("\n" + ClusterNode.READY + " ")) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    String written = sinceLaunch(node, logStart);
    String tail = written.substring(Math.max(0, written.length() - 2000));
    throw new IllegalStateException("Kafka node " + node + (process.isAlive() ? " did not start within "
        + START_TIMEOUT.toSeconds() + " s" : " ended with exit code " + process.exitValue()) + "; its log "
        + log(node) + " ends:\n" + tail);
  }

  private String sinceLaunch(int node, long logStart) {
    try (var channel = Files.newByteChannel(log(node))) {
      channel.position(logStart);
      return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Waits for a node to answer, rethrowing its start failure as it was thrown. */
  private static void await(CompletableFuture<Void> ready) {
    try {
      ready.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private Path nodeDir(int node) {
    return dir.resolve("node-" + node);
  }

  /** The port kept under the directory, else a free one none of the other nodes has. */
  private static int port(Properties saved, String key, Set<Integer> taken) {
    String value = saved.getProperty(key);
    int port = value == null ? Ports.free() : Integer.parseInt(value.trim());
    while (!taken.add(port)) {
      port = Ports.free();
    }
    return port;
  }
}
