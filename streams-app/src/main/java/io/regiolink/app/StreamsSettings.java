package io.regiolink.app;

import io.regiolink.config.Setting;
import io.regiolink.config.Settings;
import io.regiolink.topics.KafkaSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/** The Kafka Streams application: its id, state, guarantee, standbys and memory budget. */
public record StreamsSettings(String applicationId, Path stateDir, ProcessingGuarantee processingGuarantee,
    int numStandbyReplicas, MemorySettings memory) {

  /** The delivery guarantees regiolink supports; Kafka's removed {@code exactly_once} is not one. */
  public enum ProcessingGuarantee {
    EXACTLY_ONCE_V2("exactly_once_v2"),
    AT_LEAST_ONCE("at_least_once");

    private final String kafkaValue;

    ProcessingGuarantee(String kafkaValue) {
      this.kafkaValue = kafkaValue;
    }

    public String kafkaValue() {
      return kafkaValue;
    }
  }

  public static final Setting<String> APPLICATION_ID = Setting.text("application.id", "regiolink",
      "Kafka Streams application id; a new one reprocesses from the input topics");
  public static final Setting<Path> STATE_DIR = Setting.text("state.dir", "./.regiolink",
      "Directory for state stores and, in demo mode, the broker (kafka/) and registry (registry/) data").map(Path::of);
  public static final Setting<ProcessingGuarantee> PROCESSING_GUARANTEE = Setting.choice("processing.guarantee",
      "exactly_once_v2", ProcessingGuarantee.values(), ProcessingGuarantee::kafkaValue,
      "exactly_once_v2 or at_least_once (Kafka's removed exactly_once is refused)");
  public static final Setting<Integer> NUM_STANDBY_REPLICAS = Setting.integer("num.standby.replicas", "0", 0, 10,
      "Standby replicas of each state store (faster takeover; stale reads with allowStale=true)");
  public static final List<Setting<?>> SETTINGS = List.of(APPLICATION_ID, STATE_DIR, PROCESSING_GUARANTEE,
      NUM_STANDBY_REPLICAS, MemorySettings.TOTAL);

  public static StreamsSettings from(Settings settings) {
    return new StreamsSettings(settings.get(APPLICATION_ID), settings.get(STATE_DIR),
        settings.get(PROCESSING_GUARANTEE), settings.get(NUM_STANDBY_REPLICAS), MemorySettings.from(settings));
  }

  /** The Kafka Streams properties; the kafka.* pass-through is applied last. */
  public Properties properties(KafkaSettings kafka, HostInfo self) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.requireBootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee.kafkaValue());
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("streams").toAbsolutePath().toString());
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, numStandbyReplicas);
    p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
    // Throughput: one stream thread per core, a record cache (memory.total's share) so repeated updates of the
    // same link between commits leave as one output record, and producer batching. The commit
    // interval stays at the exactly-once default (100 ms), which bounds output latency.
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Math.max(1, Runtime.getRuntime().availableProcessors()));
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, memory.recordCacheBytes());
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 20);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
    // Snappy, not LZ4: Kafka's LZ4 writer allocates two 64 KB buffers for every batch, and each
    // commit closes a batch per partition written (changelogs, repartitions, outputs). In the
    // bench's steady phase that was 31% of what the stream threads allocated, and young-GC pauses
    // are what the slowest queries wait for. snappy-java reuses its buffers.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "snappy");
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
    // A counting task reads four partitions (profiles, sites, rejected, rekeyed updates) whose
    // relative order does not matter (latest-wins compares event versions), so it need not wait
    // for an empty one. With the default (0) every "ready to process?" check also formats a log
    // line per partition: 6.5% of the stream threads' time in a JFR profile of the bench.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    // Failover: an instance that dies without leaving (SIGKILL, a lost machine) is out of the
    // group after 6 s, the broker's minimum, instead of the client default of 45 s, so that its
    // partitions move to a survivor within about 10 s (FailoverIT measures it). Only the
    // consumer's heartbeat thread keeps a member in: a busy stream thread does not count, but a
    // whole-process pause over 6 s (a long GC, a frozen VM) costs a rebalance. Unprefixed, so
    // that kafka.session.timeout.ms and kafka.heartbeat.interval.ms replace them.
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000);
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1500);
    // Bounded memory: every store shares one RocksDB block cache and write buffer manager
    // (BoundedRocksDb, RocksDbMemory), sized from memory.total.
    p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class.getName());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
    p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
    String globalHandler = StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG;
    p.put(globalHandler, "true");
    // Kafka 4.4 also checks that key in the partition assignor's copy of the main consumer's
    // configs (AssignorConfiguration), which holds only consumer keys and main.consumer.-prefixed
    // ones: without this, every stream thread warns at start that the handler is not enabled.
    p.put(StreamsConfig.mainConsumerPrefix(globalHandler), "true");
    kafka.overrides().forEach(p::put);
    return p;
  }
}
