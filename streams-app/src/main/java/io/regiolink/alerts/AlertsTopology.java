package io.regiolink.alerts;

import io.regiolink.avro.LinkShiftAlert;
import io.regiolink.avro.internal.AlertClockState;
import io.regiolink.avro.internal.AlertState;
import io.regiolink.avro.internal.CountDelta;
import io.regiolink.registry.SerdeFactory;
import io.regiolink.topics.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Alerts when cluster links shift (design section 8), fed by the counting topology's own
 * deltas, in the same application, so alerts commit exactly-once with the counts: link alerts
 * on the link-delta partitions, HUB_RANK on the inbound deltas regrouped per scheme and sector
 * (a ranking needs every region of one scheme and sector in one place).
 */
public final class AlertsTopology {
  public static final String LINK_VALUES = "alert-links";
  public static final String LINK_CLOCK = "alert-links-clock";
  public static final String HUB_VALUES = "alert-hubs";
  public static final String HUB_CLOCK = "alert-hubs-clock";
  /**
   * How long (wall clock) a window stays open after stream time has passed its end plus grace, so
   * that changes sent a little apart by different counting tasks still land in their own window.
   */
  public static final Duration CLOSE_DELAY = Duration.ofSeconds(2);
  /** How often due windows are closed. */
  public static final Duration CLOSE_CHECK = Duration.ofMillis(250);
  /**
   * The longest a link window close holds the stream thread per {@link #CLOSE_CHECK}: a close
   * visits every watched link, and goes on in slices so that counting goes on between them. With
   * 50 ms slices, on the bench's 1m state with both cores busy, changes counted while the load's
   * windows closed took up to 1.1 s to reach the topic (0.45 s at most otherwise); with 10 ms,
   * 0.5-0.7 s. A close then takes about 3 s instead of 1 s: its alerts come later, not the counts.
   */
  public static final Duration CLOSE_SLICE = Duration.ofMillis(10);

  private AlertsTopology() {}

  public static void addTo(StreamsBuilder builder, KStream<String, CountDelta> linkDeltas,
      KStream<String, CountDelta> regionDeltas, AlertSettings settings, SerdeFactory serdes) {
    // Link values uncached: a link gets at most one summed delta per counting task and commit, so a
    // record cache saved few writes, and a close's range scan over a cached store merges in a copy
    // of the cache's keys at every slice. Hub values are few and change with every region delta.
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LINK_VALUES), Serdes.String(),
        serdes.valueSerde(AlertState.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HUB_VALUES), Serdes.String(),
        serdes.valueSerde(AlertState.class)).withCachingEnabled());
    for (String store : new String[] {LINK_CLOCK, HUB_CLOCK}) {
      builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
          serdes.valueSerde(AlertClockState.class)).withCachingEnabled());
    }
    // Every link delta reaches the processor, watched or not: a window closes on a partition when
    // that partition's event time passes its end plus grace, and all deltas carry event time.
    KStream<String, LinkShiftAlert> linkAlerts = linkDeltas
        .process(() -> new AlertProcessor(AlertProcessor.Mode.LINKS, LINK_VALUES, LINK_CLOCK, settings),
            Named.as("link-alerts"), LINK_VALUES, LINK_CLOCK);
    KStream<String, LinkShiftAlert> hubAlerts = regionDeltas
        .filter((key, d) -> d.getInbound() != 0 && settings.watches(d.getScheme(), d.getSector()),
            Named.as("alert-watched-hubs"))
        .selectKey((key, d) -> d.getScheme() + ":" + d.getSector(), Named.as("hub-key"))
        // The history parts are the history recorder's, which has them on the counts' partitions.
        .mapValues(d -> d.getHistory().isEmpty() ? d : CountDelta.newBuilder(d).setHistory(List.of()).build(),
            Named.as("hub-delta-without-history"))
        .repartition(Repartitioned.with(Serdes.String(), serdes.valueSerde(CountDelta.class)).withName("hub-deltas"))
        .process(() -> new AlertProcessor(AlertProcessor.Mode.HUBS, HUB_VALUES, HUB_CLOCK, settings),
            Named.as("hub-alerts"), HUB_VALUES, HUB_CLOCK);
    linkAlerts.merge(hubAlerts, Named.as("alerts"))
        .to(Topics.ALERTS.name(), Produced.with(Serdes.String(), serdes.valueSerde(LinkShiftAlert.class))
            .withName("alerts-out"));
  }
}
