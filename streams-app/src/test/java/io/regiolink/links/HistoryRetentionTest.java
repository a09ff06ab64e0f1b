package io.regiolink.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regiolink.alerts.AlertSettings;
import io.regiolink.avro.EventType;
import io.regiolink.footprint.FootprintRules;
import io.regiolink.geo.Geography;
import io.regiolink.history.HistoryRetention;
import io.regiolink.query.QueryException;
import io.regiolink.query.Queries;
import io.regiolink.sector.SectorClassifier;
import io.regiolink.testing.Cleanup;
import io.regiolink.testing.Events;
import io.regiolink.testing.TopologyHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * History older than {@code history.retention} leaves the disk (the window stores drop whole
 * segments once newer changes pass them), changes before the retained history are never recorded,
 * and queries for an instant before it are refused with the earliest date available.
 */
class HistoryRetentionTest {
  private static final Instant NOW = Instant.parse("2026-06-10T10:00:00Z");
  private static final HistoryRetention RETENTION = new HistoryRetention(Duration.ofDays(8));

  @Test
  void historyOlderThanTheRetentionIsGoneFromDiskAndChangesBeforeItAreNotRecorded() throws IOException {
    Path stateDir = Files.createTempDirectory("regiolink-retention");
    FootprintRules rules = new FootprintRules(Geography.load(List.of()), SectorClassifier.load(), Set.of("active"));
    try (TopologyHarness app = new TopologyHarness(rules, AlertSettings.DEFAULT, stateDir, NOW, true, RETENTION)) {
      // Within the retention: recorded. Before it (20 days ago): counted today, not in the history.
      app.profile("00000001", Events.profile("00000001", "active", "LS1 4AP", List.of("62012"), 1,
          NOW.minus(Duration.ofDays(3)), EventType.changed));
      app.profile("00000002", Events.profile("00000002", "active", "M1 1AE", List.of("62012"), 1,
          NOW.minus(Duration.ofDays(20)), EventType.changed));
      Instant longAgo = NOW.minus(Duration.ofDays(30));
      assertThat(app.regionStore()).containsKeys("lad:E08000035:ALL", "lad:E08000003:ALL");
      assertThat(app.historyAfter(LinksTopology.REGION_HISTORY_STORE, longAgo).keySet())
          .contains("lad:E08000035:ALL", "itl1:TLE:ALL").noneMatch(k -> k.startsWith("lad:E08000003:"));
      List<Instant> segmentsBefore = segmentDays(stateDir);

      // Three weeks on, a new change moves the stores' time past the first change's segment.
      app.advanceWallClock(Duration.ofDays(21));
      Instant later = NOW.plus(Duration.ofDays(21));
      app.profile("00000003", Events.profile("00000003", "active", "BS1 4DJ", List.of("62012"), 1,
          later.minus(Duration.ofHours(1)), EventType.changed));
      assertThat(app.historyAfter(LinksTopology.REGION_HISTORY_STORE, longAgo)).as("history left after 3 weeks")
          .doesNotContainKey("lad:E08000035:ALL").containsKey("lad:E06000023:ALL");
      assertThat(app.historyAfter(LinksTopology.REGION_HISTORY_DAILY_STORE, longAgo))
          .doesNotContainKey("lad:E08000035:ALL").containsKey("lad:E06000023:ALL");
      assertThat(app.historyEntries(LinksTopology.LINK_HISTORY_STORE)).as("entries of the exact link history")
          .isEqualTo(app.historyAfter(LinksTopology.LINK_HISTORY_STORE, later.minus(Duration.ofDays(1))).values()
              .stream().mapToInt(List::size).sum());
      Instant expired = later.minus(RETENTION.retention().plusDays(2 + 2));
      System.out.printf("History segment directories: %s before, %s after three weeks%n", segmentsBefore,
          segmentDays(stateDir));
      assertThat(segmentsBefore).as("segment directories of the history stores, all older than the retention"
          + " three weeks on").isNotEmpty().allMatch(start -> start.isBefore(expired));
      assertThat(segmentDays(stateDir)).as("no segment older than the retention is left on disk").isNotEmpty()
          .allMatch(start -> !start.isBefore(expired));
      // Today's counts keep everything.
      assertThat(app.regionStore()).containsKeys("lad:E08000035:ALL", "lad:E08000003:ALL", "lad:E06000023:ALL");
    } finally {
      Cleanup.delete(stateDir);
    }
  }

  @Test
  void anInstantBeforeTheRetainedHistoryIsRefusedNamingTheEarliestDate() {
    Queries queries = new Queries(null, null, null, null, null, RETENTION, Clock.fixed(NOW, ZoneOffset.UTC));
    assertThatThrownBy(() -> queries.moment(Optional.of(Instant.parse("2026-05-01T00:00:00Z")), true))
        .isInstanceOf(QueryException.Invalid.class)
        .hasMessageContaining("the earliest date available is 2026-06-02");
    assertThatThrownBy(() -> queries.moment(Optional.of(NOW.minus(Duration.ofDays(8)).minusMillis(1)), false))
        .isInstanceOf(QueryException.Invalid.class)
        .hasMessageContaining("the earliest instant 2026-06-02T10:00:00Z");
    assertThat(queries.moment(Optional.of(NOW.minus(Duration.ofDays(8))), false).past())
        .isEqualTo(NOW.minus(Duration.ofDays(8)));
    assertThat(queries.moment(Optional.of(HistoryRetention.endOf(java.time.LocalDate.parse("2026-06-02"))), true)
        .past()).isEqualTo(Instant.parse("2026-06-02T23:59:59.999Z"));
    assertThat(queries.moment(Optional.of(Instant.parse("2026-06-05T12:00:00Z")), true).at())
        .as("an instant within a day, at day resolution: the end of the day before")
        .isEqualTo(Instant.parse("2026-06-04T23:59:59.999Z"));
    assertThat(queries.moment(Optional.of(NOW.plusSeconds(60)), false).today()).isTrue();
    assertThat(queries.moment(Optional.empty(), true).at()).isEqualTo(NOW);
  }

  /** Where the segments of the four history stores start (each is a directory named store.start-millis). */
  private static List<Instant> segmentDays(Path stateDir) throws IOException {
    try (Stream<Path> files = Files.walk(stateDir)) {
      return files.filter(Files::isDirectory)
          .filter(p -> p.getParent() != null && p.getParent().getFileName().toString().contains("history"))
          .map(p -> p.getFileName().toString())
          .filter(name -> name.matches(".*history(-daily)?\\.\\d+"))
          .map(name -> Instant.ofEpochMilli(Long.parseLong(name.substring(name.lastIndexOf('.') + 1))))
          .toList();
    }
  }
}
