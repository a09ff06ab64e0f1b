package io.regiolink.app;

import io.regiolink.alerts.AlertSettings;
import io.regiolink.alerts.AlertsTopology;
import io.regiolink.footprint.FootprintRules;
import io.regiolink.geo.Geography;
import io.regiolink.history.HistoryRetention;
import io.regiolink.links.LinksTopology;
import io.regiolink.registry.SerdeFactory;
import io.regiolink.sector.SectorClassifier;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** The one function that builds regiolink's topology from typed settings; tests and the app both call it. */
public final class RegiolinkTopology {
  private RegiolinkTopology() {}

  /**
   * @param countPartitions the partitions of the count stores: {@code topics.partitions}
   * @param history how far back the counts' history is kept: {@code history.retention}
   */
  public static Topology build(FootprintRules rules, AlertSettings alerts, int countPartitions,
      HistoryRetention history, SerdeFactory serdes) {
    StreamsBuilder builder = new StreamsBuilder();
    // Sums never cross an alert window, so every window still sees exactly its own changes.
    LinksTopology.Deltas deltas = LinksTopology.addTo(builder, rules, alerts.windows()::startOf, countPartitions,
        history, serdes);
    AlertsTopology.addTo(builder, deltas.links(), deltas.regions(), alerts, serdes);
    return builder.build();
  }

  /** The counting rules the configuration asks for: reference data, custom schemes, counted statuses. */
  public static FootprintRules rules(RegiolinkConfig config) {
    return new FootprintRules(Geography.load(config.counting().customSchemes()), SectorClassifier.load(),
        config.counting().countedStatuses());
  }
}
