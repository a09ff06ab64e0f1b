package io.regiolink.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.LinkShiftAlert;
import io.regiolink.avro.internal.AlertClockState;
import io.regiolink.avro.internal.AlertState;
import io.regiolink.avro.internal.CountDelta;
import io.regiolink.avro.internal.DeltaTarget;
import io.regiolink.sector.SectorGroup;
import io.regiolink.testing.PlainAvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A link window close done in many slices (one punctuation each) raises exactly what a close in
 * one go raises, and a change that reaches a link between slices is not lost: it counts in the
 * next window.
 */
class AlertSlicesTest {
  private static final AlertSettings LAD_ALL = new AlertSettings(new AlertWindows(Duration.ofDays(7), Duration.ofHours(24)),
      AlertSettings.DEFAULT.thresholds(), Set.of("lad"), Set.of(SectorGroup.ALL), Optional.empty());
  private static final Instant MONDAY = Instant.parse("2025-06-02T00:00:00Z");
  private static final int LINKS = 1_000;
  private static final PlainAvroSerdes SERDES = new PlainAvroSerdes();

  /** The alerts raised, and the links whose values the store still holds afterwards. */
  private record Run(List<String> alerts, List<String> linksHeld) {}

  @Test
  void aCloseInSlicesRaisesWhatACloseInOneGoRaises() {
    List<String> inOneGo = run(Integer.MAX_VALUE, false).alerts();
    List<String> inSlices = run(100, false).alerts();
    assertThat(inOneGo).hasSize(LINKS); // half SURGE (4 -> 9), half LOST (4 -> 0)
    assertThat(inOneGo.stream().filter(a -> a.startsWith("SURGE")).count()).isEqualTo(LINKS / 2);
    assertThat(inSlices).containsExactlyElementsOf(inOneGo);
  }

  @Test
  void aChangeBetweenSlicesToALinkAlreadyDoneCountsInTheNextWindow() {
    List<String> alerts = run(100, true).alerts();
    // link 0000 was done in the first slice, 4 -> 9 at the end of week 1; the change of +5 that came
    // after its slice (event time in week 1) shows at the end of week 2: 9 -> 14.
    assertThat(alerts).contains("SURGE lad:L0000:D:ALL 4 -> 9 at " + week(2))
        .contains("SURGE lad:L0000:D:ALL 9 -> 14 at " + week(3));
  }

  @Test
  void aLinkBackToZeroLeavesTheStoreWhenItsWindowCloses() {
    // The odd links lost all their companies in week 1; the even ones and the link that moved event time stay.
    assertThat(run(100, false).linksHeld()).hasSize(LINKS / 2 + 1).allMatch(key -> {
      int link = Integer.parseInt(key.substring("lad:L".length(), "lad:L".length() + 4));
      return link % 2 == 0 || link == LINKS;
    });
  }

  /** Links L0000..L0999 at 4 companies in week 0; in week 1 the even ones gain 5, the odd ones lose all. */
  private static Run run(int minLinksPerSlice, boolean changeBetweenSlices) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("values"), Serdes.String(),
        SERDES.valueSerde(AlertState.class)).withCachingEnabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("clock"), Serdes.String(),
        SERDES.valueSerde(AlertClockState.class)).withCachingEnabled());
    builder.stream("deltas", Consumed.with(Serdes.String(), SERDES.valueSerde(CountDelta.class)))
        .process(() -> new AlertProcessor(AlertProcessor.Mode.LINKS, "values", "clock", LAD_ALL, Duration.ZERO,
            minLinksPerSlice), Named.as("alerts"), "values", "clock")
        .to("alerts", Produced.with(Serdes.String(), SERDES.valueSerde(LinkShiftAlert.class)));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-slices");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, Instant.parse("2026-01-01T00:00:00Z"))) {
      TestInputTopic<String, CountDelta> in = driver.createInputTopic("deltas", Serdes.String().serializer(),
          SERDES.valueSerde(CountDelta.class).serializer());
      TestOutputTopic<String, LinkShiftAlert> out = driver.createOutputTopic("alerts", Serdes.String().deserializer(),
          SERDES.valueSerde(LinkShiftAlert.class).deserializer());
      for (int i = 0; i < LINKS; i++) {
        send(in, i, 4, week(0).plusSeconds(i));
      }
      for (int i = 0; i < LINKS; i++) {
        send(in, i, i % 2 == 0 ? 5 : -4, week(1).plusSeconds(i));
      }
      send(in, LINKS, 1, week(2).plus(Duration.ofDays(2))); // event time moves past weeks 0 and 1 plus grace
      driver.advanceWallClockTime(AlertsTopology.CLOSE_DELAY.plus(AlertsTopology.CLOSE_CHECK));
      if (changeBetweenSlices) {
        send(in, 0, 5, week(1).plusSeconds(LINKS + 1)); // link 0 is done, the close is not
        for (int p = 0; p < 2 * LINKS / minLinksPerSlice; p++) {
          driver.advanceWallClockTime(AlertsTopology.CLOSE_CHECK);
        }
        send(in, LINKS, 1, week(3).plus(Duration.ofDays(2))); // closes week 2
        driver.advanceWallClockTime(AlertsTopology.CLOSE_DELAY.plus(AlertsTopology.CLOSE_CHECK));
      }
      for (int p = 0; p < 2 * LINKS / Math.min(minLinksPerSlice, LINKS); p++) {
        driver.advanceWallClockTime(AlertsTopology.CLOSE_CHECK);
      }
      List<String> alerts = new ArrayList<>();
      out.readValuesToList().forEach(a -> alerts.add(a.getKind() + " " + a.getScheme() + ":" + a.getOrigin() + ":"
          + a.getDestination() + ":" + a.getSector() + " " + a.getValueBefore() + " -> " + a.getValueAfter() + " at "
          + a.getWindowEnd()));
      List<String> held = new ArrayList<>();
      try (var all = driver.<String, AlertState>getKeyValueStore("values").all()) {
        all.forEachRemaining(kv -> held.add(kv.key));
      }
      return new Run(alerts, held);
    }
  }

  private static void send(TestInputTopic<String, CountDelta> in, int link, long companies, Instant eventTime) {
    String origin = String.format("L%04d", link);
    in.pipeInput("lad:" + origin + ":D:ALL", new CountDelta(DeltaTarget.LINK, "lad", origin, "D", "ALL", companies, companies,
        0L, 0L, 0L, 0L, 0L, eventTime, List.of()));
  }

  private static Instant week(int k) {
    return MONDAY.plus(Duration.ofDays(7L * k));
  }
}
