package io.regiolink.http;

import io.regiolink.links.LinksTopology;
import io.regiolink.live.LiveFeed;
import io.regiolink.query.Answers;
import io.regiolink.query.Cluster;
import io.regiolink.query.LocalStores;
import java.util.LinkedHashMap;
import java.util.List;
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
  private static final List<String> STORES = List.of(LinksTopology.LINKS_STORE,
      LinksTopology.LINKS_BY_DESTINATION_STORE, LinksTopology.REGIONS_STORE, LinksTopology.COMPANY_STORE,
      LinksTopology.COVERAGE_STORE);

  private final KafkaStreams streams;
  private final Cluster cluster;
  private final LocalStores local;
  private final LiveFeed<?> links;
  private final LiveFeed<?> alerts;

  public Health(KafkaStreams streams, Cluster cluster, LocalStores local, LiveFeed<?> links, LiveFeed<?> alerts) {
    this.streams = streams;
    this.cluster = cluster;
    this.local = local;
    this.links = links;
    this.alerts = alerts;
  }

  public Answers.Health check() {
    KafkaStreams.State state = streams.state();
    boolean running = state == KafkaStreams.State.RUNNING;
    Map<String, String> stores = new LinkedHashMap<>();
    boolean queryable = running;
    for (String store : STORES) {
      if (!running) {
        stores.put(store, "waiting for Kafka Streams to be RUNNING");
        continue;
      }
      Set<Integer> mine = new TreeSet<>();
      try {
        cluster.placement(store).forEach((p, holders) -> {
          if (cluster.self().equals(holders.active())) {
            mine.add(p);
          }
        });
      } catch (RuntimeException e) {
        stores.put(store, "metadata not available: " + e.getMessage());
        queryable = false;
        continue;
      }
      boolean ok = local.queryable(store, mine);
      queryable &= ok;
      stores.put(store, (ok ? "queryable" : "restoring") + ", active partitions " + mine);
    }
    Map<String, String> feeds = new LinkedHashMap<>();
    feeds.put("links", links.caughtUp() ? "live, " + links.subscribers() + " subscribers" : "catching up");
    feeds.put("alerts", alerts.caughtUp() ? "live, " + alerts.subscribers() + " subscribers" : "catching up");
    return new Answers.Health(queryable ? "UP" : "DOWN", state.name(), stores, feeds);
  }
}
