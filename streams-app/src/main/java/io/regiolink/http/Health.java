package io.regiolink.http;

import io.regiolink.live.LiveFeed;
import io.regiolink.query.Cluster;
import io.regiolink.query.LocalStores;
import io.regiolink.query.QueryableStore;
import io.regiolink.registry.RegistryProbe;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Readiness of one instance: UP once Kafka Streams is RUNNING and every partition this instance
 * holds active can be queried (restoration done). A load balancer should send queries only to UP
 * instances; any UP instance answers for the whole application.
 */
public final class Health {
  private final KafkaStreams streams;
  private final Cluster cluster;
  private final LocalStores local;
  private final LiveFeed<?> links;
  private final LiveFeed<?> alerts;
  private final RegistryProbe registry;
  private final Clock clock;

  public Health(KafkaStreams streams, Cluster cluster, LocalStores local, LiveFeed<?> links, LiveFeed<?> alerts,
      RegistryProbe registry, Clock clock) {
    this.streams = streams;
    this.cluster = cluster;
    this.local = local;
    this.links = links;
    this.alerts = alerts;
    this.registry = registry;
    this.clock = clock;
  }

  public Answers.Health check() {
    KafkaStreams.State state = streams.state();
    boolean running = state == KafkaStreams.State.RUNNING;
    Map<String, String> stores = new LinkedHashMap<>();
    boolean queryable = running;
    for (QueryableStore catalogued : QueryableStore.values()) {
      String store = catalogued.storeName();
      if (!running) {
        stores.put(store, "waiting for Kafka Streams to be RUNNING");
        continue;
      }
      Set<Integer> mine = new TreeSet<>();
      try {
        cluster.placement(catalogued).forEach((p, holders) -> {
          if (cluster.self().equals(holders.active())) {
            mine.add(p);
          }
        });
      } catch (RuntimeException e) {
        stores.put(store, "metadata not available: " + e.getMessage());
        queryable = false;
        continue;
      }
      boolean ok = local.queryable(catalogued, mine);
      queryable &= ok;
      stores.put(store, (ok ? "queryable" : "restoring") + ", active partitions " + mine);
    }
    Map<String, String> feeds = new LinkedHashMap<>();
    feeds.put("links", links.caughtUp() ? "live, " + links.subscribers() + " subscribers" : "catching up");
    feeds.put("alerts", alerts.caughtUp() ? "live, " + alerts.subscribers() + " subscribers" : "catching up");
    // The registry does not decide UP: an instance answers queries from its stores without it.
    return new Answers.Health(queryable ? "UP" : "DOWN", state.name(), stores, feeds,
        registry.status().describe(clock.instant()));
  }
}
