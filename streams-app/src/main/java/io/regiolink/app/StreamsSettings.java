package io.regiolink.app;

import io.regiolink.config.RegiolinkConfig;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/** Kafka Streams settings from the typed configuration; the kafka.* pass-through is applied last. */
public final class StreamsSettings {
  private StreamsSettings() {}

  /** This instance as the others reach it (application.server), from advertised.url. */
  public static HostInfo advertised(RegiolinkConfig config) {
    java.net.URI url = config.advertisedUrl();
    return new HostInfo(url.getHost(), url.getPort() > 0 ? url.getPort() : 80);
  }

  public static Properties of(RegiolinkConfig config) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.requireBootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee().kafkaValue());
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().resolve("streams").toAbsolutePath().toString());
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.numStandbyReplicas());
    HostInfo self = advertised(config);
    p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
    // Throughput: one stream thread per core, a record cache (memory.total's share) so repeated updates of the
    // same link between commits leave as one output record, and producer batching. The commit
    // interval stays at the exactly-once default (100 ms), which bounds output latency.
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Math.max(1, Runtime.getRuntime().availableProcessors()));
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, config.memory().recordCacheBytes());
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 20);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
    // Bounded memory: every store shares one RocksDB block cache and write buffer manager
    // (BoundedRocksDb, RocksDbMemory), sized from memory.total.
    p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class.getName());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
    p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
    p.put("processing.exception.handler.global.enabled", "true");
    config.kafkaOverrides().forEach(p::put);
    return p;
  }
}
