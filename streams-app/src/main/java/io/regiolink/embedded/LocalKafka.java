package io.regiolink.embedded;

import io.regiolink.config.Secrets;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache Kafka node (combined broker and KRaft controller) in this JVM, on a data directory that
 * survives restarts: the demo's single-node cluster, or one node of a {@link LocalCluster}.
 *
 * <p>This class is the only place that touches Kafka's server internals ({@link KafkaRaftServer},
 * {@link KafkaConfig}, {@link Formatter}); they are not a public API and change between
 * releases, so an upgrade of Kafka has one class to fix.
 */
public final class LocalKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  /**
   * A second client listener that authenticates with SCRAM-SHA-512 over TLS, beside the plain one
   * (which stays for operators' tools on loopback, as an internal listener would).
   *
   * @param keyStore the broker's key and certificate chain, PKCS12
   */
  public record SaslSslListener(int port, Path keyStore, String keyStorePassword) {
    public static final String MECHANISM = "SCRAM-SHA-512";

    public String bootstrapServers() {
      return "127.0.0.1:" + port;
    }

    @Override
    public String toString() {
      return "SaslSslListener[port=" + port + ", keyStore=" + keyStore + ", keyStorePassword=" + Secrets.HIDDEN + "]";
    }
  }

  /**
   * Where a node sits in its cluster.
   *
   * @param clusterId empty: a new random id when the directory is formatted (a single node)
   * @param voters every controller, {@code id@host:port,...} ({@code controller.quorum.voters})
   * @param replicas copies of every partition; writes need all but one of them in sync
   */
  public record Role(int nodeId, Optional<String> clusterId, String voters, int replicas) {
    public static Role single(int controllerPort) {
      return new Role(1, Optional.empty(), "1@127.0.0.1:" + controllerPort, 1);
    }

    int minInSync() {
      return Math.max(1, replicas - 1);
    }
  }

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private LocalKafka(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts the broker on {@code dataDir}, formatting it on first use and reusing its log and
   * metadata afterwards.
   *
   * @param port the client port; 0 reuses the last port under dataDir when free, else any free one
   */
  public static LocalKafka start(Path dataDir, int port) {
    long started = System.nanoTime();
    Path portFile = dataDir.resolve("ports.properties");
    int brokerPort = Ports.choose(port, portFile, "broker");
    int controllerPort = Ports.choose(0, portFile, "controller");
    if (controllerPort == brokerPort) {
      controllerPort = Ports.free();
    }
    LocalKafka kafka = start(dataDir, Role.single(controllerPort), brokerPort, controllerPort);
    Ports.remember(portFile, "broker", brokerPort);
    Ports.remember(portFile, "controller", controllerPort);
    LOG.info("Local Kafka broker ready at {} (data in {}) after {} ms", kafka.bootstrapServers(), dataDir,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return kafka;
  }

  /**
   * Starts one node of a cluster on {@code dataDir}, formatting it on first use. With more than
   * one voter it answers only once a majority of them runs, so start the others alongside.
   */
  public static LocalKafka start(Path dataDir, Role role, int brokerPort, int controllerPort) {
    return start(dataDir, role, brokerPort, controllerPort, Optional.empty());
  }

  /** The same, with a SASL_SSL listener too. */
  public static LocalKafka start(Path dataDir, Role role, int brokerPort, int controllerPort,
      Optional<SaslSslListener> saslSsl) {
    Path logDir = dataDir.resolve("log");
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the broker's data directory " + logDir, e);
    }
    Properties settings = settings(logDir, role, brokerPort, controllerPort);
    saslSsl.ifPresent(listener -> addSaslSsl(settings, listener));
    KafkaConfig config = new KafkaConfig(settings, false);
    format(logDir, role);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException e) {
      server.shutdown();
      throw new IllegalStateException("The local Kafka broker did not start on " + dataDir + ": " + e.getMessage()
          + ". If another regiolink demo uses this state directory, stop it or pass another --state-dir.", e);
    }
    LocalKafka kafka = new LocalKafka(server, "127.0.0.1:" + brokerPort);
    kafka.awaitReady(Duration.ofSeconds(60));
    return kafka;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    LOG.info("Stopping the local Kafka broker at {}", bootstrapServers);
    server.shutdown();
    server.awaitShutdown();
  }

  private static Properties settings(Path logDir, Role role, int brokerPort, int controllerPort) {
    String replicas = Integer.toString(role.replicas());
    String minInSync = Integer.toString(role.minInSync());
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(role.nodeId()));
    p.put("controller.quorum.voters", role.voters());
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("log.dirs", logDir.toAbsolutePath().toString());
    // Every topic, internal ones included, gets the cluster's replicas: on a single node one, or
    // exactly-once (transactions) and consumer groups never become available. Kafka Streams' own
    // topics and regiolink's take default.replication.factor too.
    p.put("offsets.topic.replication.factor", replicas);
    p.put("transaction.state.log.replication.factor", replicas);
    p.put("transaction.state.log.min.isr", minInSync);
    p.put("share.coordinator.state.topic.replication.factor", replicas);
    p.put("share.coordinator.state.topic.min.isr", minInSync);
    p.put("min.insync.replicas", minInSync);
    p.put("default.replication.factor", replicas);
    // Fewer internal partitions make a cold start and each transaction coordinator lookup quicker
    // on a laptop; a single node gains nothing from fifty.
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("group.initial.rebalance.delay.ms", "0");
    // Topics are created on purpose, with their cleanup policies; a typo must not make a new one.
    p.put("auto.create.topics.enable", "false");
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    return p;
  }

  private static void addSaslSsl(Properties p, SaslSslListener listener) {
    String name = "SASL_SSL";
    String prefix = "listener.name." + name.toLowerCase(Locale.ROOT) + ".";
    p.put("listeners", p.getProperty("listeners") + "," + name + "://127.0.0.1:" + listener.port());
    p.put("advertised.listeners", p.getProperty("advertised.listeners") + "," + name + "://127.0.0.1:" + listener.port());
    p.put("listener.security.protocol.map", p.getProperty("listener.security.protocol.map") + "," + name + ":SASL_SSL");
    p.put("sasl.enabled.mechanisms", SaslSslListener.MECHANISM);
    p.put(prefix + SaslSslListener.MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    p.put(prefix + "ssl.keystore.location", listener.keyStore().toAbsolutePath().toString());
    p.put(prefix + "ssl.keystore.password", listener.keyStorePassword());
    p.put(prefix + "ssl.key.password", listener.keyStorePassword());
    p.put(prefix + "ssl.keystore.type", "PKCS12");
  }

  /**
   * Adds or replaces a SCRAM-SHA-512 user, through the plain listener: a broker keeps SCRAM
   * credentials in its metadata log, so they survive restarts.
   */
  public void upsertScramUser(String user, String password) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
          new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot set the SCRAM credentials of " + user + " on " + bootstrapServers + ": "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while setting SCRAM credentials", e);
    }
  }

  private static void format(Path logDir, Role role) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      // Formatted before: this is a restart, and the directory keeps its cluster id and data.
      return;
    }
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(role.nodeId())
          .setClusterId(role.clusterId().orElseGet(() -> Uuid.randomUuid().toString()))
          .setDirectories(List.of(logDir.toAbsolutePath().toString()))
          .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setControllerListenerName(CONTROLLER_LISTENER)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot format the local Kafka data directory " + logDir + ": " + e.getMessage()
          + ". Delete it to start afresh.", e);
    }
  }

  private void awaitReady(Duration timeout) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      close();
      throw new IllegalStateException("The local Kafka broker at " + bootstrapServers + " did not answer within "
          + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("Interrupted while waiting for the local Kafka broker", e);
    }
  }
}
