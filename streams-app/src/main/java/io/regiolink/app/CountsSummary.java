package io.regiolink.app;

import io.regiolink.avro.LinkCount;
import io.regiolink.links.LinksTopology;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** A one-line view of the ITL1 links this instance holds, for the demo's log. */
public final class CountsSummary {
  private CountsSummary() {}

  public static String itl1(KafkaStreams streams) {
    try {
      ReadOnlyKeyValueStore<String, LinkCount> store = streams.store(
          StoreQueryParameters.fromNameAndType(LinksTopology.LINKS_STORE, QueryableStoreTypes.keyValueStore()));
      long pairs = 0;
      long companies = 0;
      long crossRegion = 0;
      Optional<LinkCount> top = Optional.empty();
      try (var links = store.prefixScan("itl1:", new StringSerializer())) {
        while (links.hasNext()) {
          LinkCount link = links.next().value;
          if (!"ALL".equals(link.getSector())) {
            continue;
          }
          pairs++;
          companies += link.getCompanies();
          if (!link.getOrigin().equals(link.getDestination())) {
            crossRegion += link.getCompanies();
            if (top.isEmpty() || link.getCompanies() > top.get().getCompanies()) {
              top = Optional.of(link);
            }
          }
        }
      }
      return String.format("itl1 links (ALL) on this instance: %d pairs, %,d company-links, %,d across regions%s",
          pairs, companies, crossRegion, top.map(t -> String.format("; largest cross-region %s->%s %,d companies",
              t.getOrigin(), t.getDestination(), t.getCompanies())).orElse(""));
    } catch (RuntimeException e) {
      return "counts not queryable right now (" + e.getMessage() + ")";
    }
  }
}
