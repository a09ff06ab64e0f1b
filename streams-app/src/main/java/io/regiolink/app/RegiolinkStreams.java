package io.regiolink.app;

import io.regiolink.footprint.FootprintRules;
import io.regiolink.registry.AvroSerdes;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running Kafka Streams application: regiolink's topology with the registry serdes. State is
 * reused across restarts (no cleanUp() on start: local stores restore from their checkpoints, not
 * from scratch).
 */
public final class RegiolinkStreams implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegiolinkStreams.class);

  private final KafkaStreams streams;
  private final TopologyDescription topology;
  private final RocksDbMemory rocksDb;
  private final CountDownLatch running = new CountDownLatch(1);

  private RegiolinkStreams(KafkaStreams streams, TopologyDescription topology, RocksDbMemory rocksDb) {
    this.streams = streams;
    this.topology = topology;
    this.rocksDb = rocksDb;
  }

  public static RegiolinkStreams start(RegiolinkConfig config) {
    return start(config, RegiolinkTopology.rules(config));
  }

  /** Starts with rules already loaded, so the query side shares them instead of loading them again. */
  public static RegiolinkStreams start(RegiolinkConfig config, FootprintRules rules) {
    Topology topology = RegiolinkTopology.build(rules, config.alerts(), config.kafka().topicPartitions(),
        config.counting().history(), new AvroSerdes(config.requireRegistryUrl()));
    LOG.debug("Topology:\n{}", topology.describe());
    RocksDbMemory rocksDb = new RocksDbMemory(config.streams().memory().rocksDbBytes());
    Properties settings = config.streamsProperties();
    settings.put(RocksDbMemory.CONFIG_KEY, rocksDb);
    RegiolinkStreams app = new RegiolinkStreams(new KafkaStreams(topology, settings), topology.describe(), rocksDb);
    app.streams.setStateListener((now, before) -> {
      LOG.info("Kafka Streams {} -> {}", before, now);
      if (now == KafkaStreams.State.RUNNING) {
        app.running.countDown();
      }
    });
    // Bad input never reaches here (the input gate turns it into rejected records); what does is
    // a fault of the app or the cluster. A fresh thread retries from the last commit, and
    // exactly-once makes the retry safe.
    app.streams.setUncaughtExceptionHandler(e -> {
      LOG.error("A stream thread failed; replacing it. Cause: {}", e.toString(), e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    app.streams.start();
    return app;
  }

  /** Waits until the first rebalance is done and every task is running. */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The topology as built, which says which topics feed which stores. */
  public TopologyDescription topology() {
    return topology;
  }

  public KafkaStreams streams() {
    return streams;
  }

  @Override
  public void close() {
    LOG.info("Stopping Kafka Streams");
    // Leaving the group hands this instance's partitions to the others at once, instead of after
    // the session timeout during which no instance could answer for them.
    boolean closed = streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
    // The stores use the shared cache until they are closed; after a timed-out close they may still.
    if (closed) {
      rocksDb.close();
    } else {
      LOG.warn("Kafka Streams did not stop within 30 s; RocksDB's shared cache is left for the JVM to release");
    }
  }
}
