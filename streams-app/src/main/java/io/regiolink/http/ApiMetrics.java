package io.regiolink.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.regiolink.company.RejectReason;
import io.regiolink.live.LiveFeed;
import java.time.Duration;
import io.regiolink.registry.RegistryProbe;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What {@code GET /metrics} shows, in Prometheus text: query latency histograms per endpoint,
 * every Kafka Streams metric, regiolink's rejected and unresolved counts, and the live feeds.
 * Kafka client metrics carry no credentials, so nothing secret reaches this page.
 */
public final class ApiMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final KafkaStreamsMetrics streamsMetrics;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public ApiMetrics(KafkaStreams streams, LiveFeed<?> links, LiveFeed<?> alerts, RegistryProbe registryProbe) {
    streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    // The counting processors record these as Kafka Streams sensors per task; summed here so a
    // dashboard needs no knowledge of thread and task tags. They cover the tasks this instance
    // runs now: sum them over all instances for the application's total.
    for (RejectReason reason : RejectReason.values()) {
      FunctionCounter.builder("regiolink.rejected.records", streams, s -> sum(s, "rejected-records-total", reason.name()))
          .description("Input records sent to regiolink.rejected.v1, by reason (tasks on this instance)")
          .tag("reason", reason.name()).register(registry);
    }
    FunctionCounter.builder("regiolink.unresolved.postcodes", streams, s -> sum(s, "unresolved-postcodes-total", "footprints"))
        .description("Postcodes of counted companies that could not be placed (tasks on this instance)").register(registry);
    FunctionCounter.builder("regiolink.repaired.postcodes", streams, s -> sum(s, "repaired-postcodes-total", "footprints"))
        .description("Postcodes of counted companies placed after repairing an O/0 or I/1 typo (tasks on this instance)")
        .register(registry);
    feedMeters("links", links);
    feedMeters("alerts", alerts);
    Gauge.builder("regiolink.registry.up", registryProbe, p -> p.status().reachable() ? 1 : 0)
        .description("1 while the schema registry answers this instance's probe (every 5 s), else 0")
        .register(registry);
  }

  private void feedMeters(String feed, LiveFeed<?> live) {
    Gauge.builder("regiolink.stream.subscribers", live, LiveFeed::subscribers).tag("feed", feed)
        .description("Connected SSE clients").register(registry);
    FunctionCounter.builder("regiolink.stream.dropped", live, LiveFeed::dropped).tag("feed", feed)
        .description("SSE clients dropped for falling too far behind").register(registry);
    FunctionCounter.builder("regiolink.stream.undecodable", live, LiveFeed::undecodable).tag("feed", feed)
        .description("Records of the feed's topic that could not be decoded and were left out of the feed")
        .register(registry);
  }

  private static double sum(KafkaStreams streams, String metric, String entity) {
    return streams.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(metric) && entity.equals(e.getKey().tags().get("regiolink-id")))
        .mapToDouble(e -> e.getValue().metricValue() instanceof Number n ? n.doubleValue() : 0)
        .sum();
  }

  /** Records one answered request; {@code endpoint} is the route template, never the raw path. */
  public void recordRequest(String endpoint, int status, long nanos) {
    // One timer per route template and status, built once rather than on every request.
    timers.computeIfAbsent(endpoint + " " + status, k -> Timer.builder("regiolink.http.requests")
        .description("Latency of API requests")
        .tag("endpoint", endpoint).tag("status", Integer.toString(status))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
  }

  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    streamsMetrics.close();
    registry.close();
  }
}
