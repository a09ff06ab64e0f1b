package io.regiolink.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiolink.avro.LinkCount;
import io.regiolink.avro.LinkShiftAlert;
import io.regiolink.footprint.FootprintRules;
import io.regiolink.footprint.LinkKey;
import io.regiolink.http.Answers;
import io.regiolink.http.ApiJson;
import io.regiolink.http.ApiMetrics;
import io.regiolink.http.ApiServer;
import io.regiolink.http.Health;
import io.regiolink.live.LiveFeed;
import io.regiolink.query.AlertView;
import io.regiolink.query.Cluster;
import io.regiolink.query.LinkView;
import io.regiolink.query.LocalStores;
import io.regiolink.query.PeerClient;
import io.regiolink.query.Queries;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.registry.RegistryClient;
import io.regiolink.registry.RegistryProbe;
import io.regiolink.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running regiolink instance: the Kafka Streams application, the live feeds, and the HTTP
 * server that answers for the whole application. What {@code regiolink run} and {@code demo}
 * start, and what the multi-instance tests start twice.
 */
public final class RegiolinkInstance implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegiolinkInstance.class);
  private static final Duration REGISTRY_PROBE_EVERY = Duration.ofSeconds(5);

  private final RegiolinkStreams streams;
  private final LiveFeed<LinkView> links;
  private final LiveFeed<AlertView> alerts;
  private final ApiMetrics metrics;
  private final RegistryProbe registryProbe;
  private final ApiServer server;

  private RegiolinkInstance(RegiolinkStreams streams, LiveFeed<LinkView> links, LiveFeed<AlertView> alerts,
      ApiMetrics metrics, RegistryProbe registryProbe, ApiServer server) {
    this.streams = streams;
    this.links = links;
    this.alerts = alerts;
    this.metrics = metrics;
    this.registryProbe = registryProbe;
    this.server = server;
  }

  public static RegiolinkInstance start(RegiolinkConfig config, Answers.Dataset dataset) {
    FootprintRules rules = RegiolinkTopology.rules(config);
    int partitions = partitionsOf(config, Topics.PROFILES.name());
    RegiolinkStreams streams = RegiolinkStreams.start(config, rules);
    List<AutoCloseable> started = new ArrayList<>(List.of(streams));
    try {
      AvroSerdes serdes = new AvroSerdes(config.requireRegistryUrl());
      ObjectMapper json = ApiJson.mapper();
      Deserializer<LinkCount> linkValues = serdes.valueSerde(LinkCount.class).deserializer();
      Deserializer<LinkShiftAlert> alertValues = serdes.valueSerde(LinkShiftAlert.class).deserializer();
      LiveFeed<LinkView> links = new LiveFeed<LinkView>("links", Topics.LINKS.name(), "link",
          feedConsumer(config, "links"), LiveFeed.Start.END,
          (key, value) -> value == null
              ? LinkKey.parse(key).map(LinkView::none).orElse(null)
              : LinkView.of(linkValues.deserialize(Topics.LINKS.name(), value)),
          v -> ApiJson.write(json, v), config.links()).start();
      started.add(0, links);
      LiveFeed<AlertView> alerts = new LiveFeed<AlertView>("alerts", Topics.ALERTS.name(), "alert",
          feedConsumer(config, "alerts"), LiveFeed.Start.BEGINNING,
          (key, value) -> value == null ? null : AlertView.of(alertValues.deserialize(Topics.ALERTS.name(), value)),
          v -> ApiJson.write(json, v), config.alertFeed()).start();
      started.add(0, alerts);
      LocalStores local = new LocalStores(streams.streams(), rules);
      Cluster cluster = new Cluster(streams.streams(), config.self(), streams.topology(), config.applicationId(),
          partitions);
      Queries queries = new Queries(cluster, local, new PeerClient(json, config.query().peerTimeout()), rules,
          config.query(), config.counting().history(), Clock.systemUTC());
      RegistryProbe registryProbe = new RegistryProbe(new RegistryClient(config.requireRegistryUrl()),
          REGISTRY_PROBE_EVERY, Clock.systemUTC());
      started.add(0, registryProbe);
      ApiMetrics metrics = new ApiMetrics(streams.streams(), links, alerts, registryProbe);
      started.add(0, metrics);
      Health health = new Health(streams.streams(), cluster, local, links, alerts, registryProbe, Clock.systemUTC());
      ApiServer server = ApiServer.start(config.http(), new ApiServer.Parts(queries, local,
          rules.geography().schemes(), links, alerts, dataset, metrics, health::check, config.query().cacheMaxAge()));
      LOG.info("HTTP API on {}:{}, advertised to other instances as {}", config.http().host(), server.port(),
          config.http().advertisedUrl());
      return new RegiolinkInstance(streams, links, alerts, metrics, registryProbe, server);
    } catch (RuntimeException e) {
      for (AutoCloseable part : started) {
        try {
          part.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static KafkaConsumer<String, byte[]> feedConsumer(RegiolinkConfig config, String feed) {
    Map<String, Object> settings = new HashMap<>(config.kafkaClientSettings());
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-live-" + feed);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase());
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** The partitions of the input topics, which every store and repartition topic copies. */
  private static int partitionsOf(RegiolinkConfig config, String topic) {
    try (Admin admin = Admin.create(config.kafkaClientSettings())) {
      return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while describing " + topic, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot describe topic " + topic + " on " + config.requireBootstrapServers()
          + ": " + e.getCause().getMessage() + ". Is the cluster up, and were the topics created ('regiolink run' creates them)?", e);
    }
  }

  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return streams.awaitRunning(timeout);
  }

  public RegiolinkStreams streams() {
    return streams;
  }

  public int httpPort() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    links.close();
    alerts.close();
    metrics.close();
    registryProbe.close();
    streams.close();
  }
}
