package io.regiolink.alerts;

import static io.regiolink.testing.Events.active;
import static io.regiolink.testing.Events.sites;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.AlertKind;
import io.regiolink.avro.LinkShiftAlert;
import io.regiolink.footprint.FootprintRules;
import io.regiolink.geo.Geography;
import io.regiolink.sector.SectorClassifier;
import io.regiolink.sector.SectorGroup;
import io.regiolink.testing.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alert rules in the real topology (TopologyTestDriver), on event-time weeks. */
class AlertsTopologyTest {
  static final FootprintRules RULES =
      new FootprintRules(Geography.load(List.of()), SectorClassifier.load(), Set.of("active"));
  /** A Monday: week k is [MONDAY + 7k days, MONDAY + 7(k+1) days). */
  static final Instant MONDAY = Instant.parse("2025-06-02T00:00:00Z");
  static final Instant NOW = Instant.parse("2025-08-01T00:00:00Z");
  static final AlertSettings ITL1_ALL = new AlertSettings(new AlertWindows(Duration.ofDays(7), Duration.ofHours(24)),
      AlertSettings.DEFAULT.thresholds(), Set.of("itl1"), Set.of(SectorGroup.ALL), Optional.empty());

  @TempDir Path dir;

  static Instant week(int k, int hour) {
    return MONDAY.plus(Duration.ofDays(7L * k)).plus(Duration.ofHours(hour));
  }

  /** Ten Leeds firms trading in Leeds and Manchester; in week 2 five move their office to Manchester. */
  static void clusterMovesToManchester(TopologyHarness app) {
    clusterMovesButTimeStops(app);
    tick(app, 2);
    tick(app, 3);
    tick(app, 4);
  }

  /** The same first two weeks, the move in week 2, and then event time moves no further. */
  static void clusterMovesButTimeStops(TopologyHarness app) {
    for (int i = 1; i <= 10; i++) {
      String n = String.format("%08d", i);
      app.profile(n, profile(n, "LS1 4AP", i, week(0, 1)));
      app.sites(n, sites(n, week(0, 1), "a", "LS1 4AP", "b", "M1 1AE"));
    }
    tick(app, 1);
    for (int i = 1; i <= 5; i++) {
      String n = String.format("%08d", i);
      app.profile(n, profile(n, "M1 1AE", 100 + i, week(2, 10)));
    }
  }

  /**
   * An unrelated Cardiff firm whose one site moves between Cardiff and the City of London each
   * week (odd weeks London), so watched counts change and event time moves on; alert windows
   * close on event time carried by count changes. Call with alternating k.
   */
  static void tick(TopologyHarness app, int k) {
    app.profile("00000099", profile("00000099", "CF10 1AA", 1, week(0, 0)));
    app.sites("00000099", sites("00000099", week(k, 12), "x", k % 2 == 1 ? "EC1A 1BB" : "CF10 1AA"));
  }

  static io.regiolink.avro.CompanyProfileEvent profile(String n, String postcode, long timepoint, Instant at) {
    var p = active(n, postcode, timepoint);
    p.getEvent().put("published_at", at);
    return p;
  }

  static List<String> describe(List<TestRecord<String, LinkShiftAlert>> alerts) {
    List<String> lines = new ArrayList<>();
    for (var r : alerts) {
      LinkShiftAlert a = r.value();
      lines.add(r.key() + " " + a.getKind() + " " + a.getValueBefore() + "->" + a.getValueAfter() + " @" + a.getWindowEnd());
    }
    return lines;
  }

  List<TestRecord<String, LinkShiftAlert>> run(AlertSettings settings, Consumer<TopologyHarness> scenario, String name) {
    try (TopologyHarness app = new TopologyHarness(RULES, settings, dir.resolve(name), NOW)) {
      scenario.accept(app);
      return app.alerts();
    }
  }

  @Test
  void aClusterMovingItsOfficesRaisesExactlyTheExpectedAlertsAtTheWeekEnd() {
    var alerts = run(ITL1_ALL, AlertsTopologyTest::clusterMovesToManchester, "scenario");
    Instant weekTwoEnd = week(3, 0);
    assertThat(describe(alerts)).filteredOn(l -> !l.contains("HUB_RANK")).containsExactlyInAnyOrder(
        "itl1:TLD:TLD:ALL EMERGED 0->5 @" + weekTwoEnd,
        "itl1:TLD:TLE:ALL EMERGED 0->5 @" + weekTwoEnd,
        "itl1:TLE:TLD:ALL DROP 10->5 @" + weekTwoEnd,
        "itl1:TLE:TLE:ALL DROP 10->5 @" + weekTwoEnd);
    LinkShiftAlert emerged = alerts.stream().filter(r -> r.key().equals("itl1:TLD:TLE:ALL")).findFirst().orElseThrow().value();
    assertThat(emerged.getKind()).isEqualTo(AlertKind.EMERGED);
    assertThat(emerged.getOrigin()).isEqualTo("TLD");
    assertThat(emerged.getDestination()).isEqualTo("TLE");
    assertThat(emerged.getWindowStart()).isEqualTo(week(2, 0));
    assertThat(emerged.getDetectedAt()).isEqualTo(weekTwoEnd);
    assertThat(emerged.getRule()).contains("at least 3");
    assertThat(emerged.getThresholds()).containsEntry("min_companies", 3.0);
    // Stamped when raised, not with the window end of two months before: the topic's 30-day
    // retention would delete a backfill's alerts at once.
    assertThat(alerts).extracting(TestRecord::getRecordTime).allMatch(t -> !t.isBefore(NOW));
  }

  @Test
  void theFirstWindowRaisesNothingSoALoadIsNoFlood() {
    var alerts = run(ITL1_ALL, app -> {
      for (int i = 1; i <= 10; i++) {
        String n = String.format("%08d", i);
        app.profile(n, profile(n, "LS1 4AP", i, week(0, 1)));
        app.sites(n, sites(n, week(0, 1), "a", "M1 1AE"));
      }
      tick(app, 1);
      tick(app, 2);
    }, "first-load");
    assertThat(alerts).isEmpty();
  }

  @Test
  void aLinkThatFlapsWithinAWeekIsJudgedByItsValueAtTheWeekEnd() {
    var alerts = run(ITL1_ALL, app -> {
      tick(app, 0);
      tick(app, 1);
      tick(app, 2);
      for (int round = 0; round < 3; round++) {
        for (int i = 1; i <= 4; i++) {
          String n = String.format("%08d", i);
          app.profile(n, profile(n, "LS1 4AP", 10 * round + i, week(2, 1 + 2 * round)));
          app.sites(n, sites(n, week(2, 1 + 2 * round), "a", "M1 1AE"));
          app.sites(n, sites(n, week(2, 2 + 2 * round), "a", "CF10 1AA"));
        }
      }
      for (int i = 1; i <= 4; i++) {
        String n = String.format("%08d", i);
        app.sites(n, sites(n, week(2, 20), "a", "M1 1AE"));
      }
      tick(app, 3);
      tick(app, 4);
    }, "flap");
    assertThat(describe(alerts)).filteredOn(l -> l.startsWith("itl1:TLE:TLD:ALL"))
        .containsExactly("itl1:TLE:TLD:ALL EMERGED 0->4 @" + week(3, 0));
  }

  @Test
  void aWindowClosesOnlyAfterItsGracePeriod() {
    var alerts = run(ITL1_ALL, app -> {
      clusterMovesToManchester(app);
    }, "grace-full");
    var early = run(ITL1_ALL, app -> {
      clusterMovesButTimeStops(app);
      // Stream time stops 1 h short of week 2's end + 24 h grace: nothing closes yet.
      app.sites("00000099", sites("00000099", week(3, 23), "late", "CF10 1AA"));
    }, "grace-early");
    assertThat(describe(alerts)).filteredOn(l -> l.contains("@" + week(3, 0)) && !l.contains("HUB_RANK")).hasSize(4);
    assertThat(describe(early)).noneMatch(l -> l.contains("@" + week(3, 0)));
  }

  @Test
  void hubAlertsOfTheScenarioFollowTheInboundRanking() {
    // Few regions have inbound firms here, so the top 10 is short: Leeds enters it when the five
    // firms registered in Manchester keep their Leeds sites; the weekly London site of the
    // Cardiff firm enters and leaves it.
    var alerts = run(ITL1_ALL, AlertsTopologyTest::clusterMovesToManchester, "scenario-hubs");
    assertThat(describe(alerts)).filteredOn(l -> l.contains("HUB_RANK")).containsExactly(
        "itl1:TLI:ALL HUB_RANK 0->1 @" + week(2, 0),
        "itl1:TLE:ALL HUB_RANK 0->5 @" + week(3, 0),
        "itl1:TLI:ALL HUB_RANK 1->0 @" + week(3, 0));
  }

  @Test
  void theSameInputReplayedFromScratchGivesTheSameAlerts() {
    var first = describe(run(ITL1_ALL, AlertsTopologyTest::clusterMovesToManchester, "replay-1"));
    var second = describe(run(ITL1_ALL, AlertsTopologyTest::clusterMovesToManchester, "replay-2"));
    assertThat(first).isNotEmpty().isEqualTo(second);
  }

  @Test
  void hubRankTracksRegionsEnteringAndLeavingTheTopList() {
    AlertSettings top1 = new AlertSettings(ITL1_ALL.windows(), new AlertThresholds(3, 3, 25, 5, 1), Set.of("itl1"),
        Set.of(SectorGroup.ALL), Optional.empty());
    var alerts = run(top1, app -> {
      // Week 0: Manchester (TLD) draws two firms from elsewhere, Leeds (TLE) one.
      app.profile("00000001", profile("00000001", "CF10 1AA", 1, week(0, 1)));
      app.sites("00000001", sites("00000001", week(0, 1), "a", "M1 1AE"));
      app.profile("00000002", profile("00000002", "BS1 4DJ", 1, week(0, 1)));
      app.sites("00000002", sites("00000002", week(0, 1), "a", "M1 1AE"));
      app.profile("00000003", profile("00000003", "CF10 1AA", 1, week(0, 1)));
      app.sites("00000003", sites("00000003", week(0, 1), "a", "LS1 4AP"));
      tick(app, 1);
      // Week 2: both Manchester firms move their site to Leeds.
      app.sites("00000001", sites("00000001", week(2, 5), "a", "LS1 4AP"));
      app.sites("00000002", sites("00000002", week(2, 5), "a", "LS1 4AP"));
      tick(app, 2);
      tick(app, 3);
      tick(app, 4);
    }, "hubs");
    assertThat(describe(alerts)).containsExactlyInAnyOrder(
        "itl1:TLD:ALL HUB_RANK 2->0 @" + week(3, 0),
        "itl1:TLE:ALL HUB_RANK 1->3 @" + week(3, 0));
    LinkShiftAlert entered = alerts.stream().filter(r -> r.key().equals("itl1:TLE:ALL")).findFirst().orElseThrow().value();
    assertThat(entered.getRegion()).isEqualTo("TLE");
    assertThat(entered.getRankBefore()).isNull();
    assertThat(entered.getRankAfter()).isEqualTo(1);
  }

  @Test
  void alertsStartHoldsBackEarlierWindows() {
    AlertSettings later = new AlertSettings(ITL1_ALL.windows(), AlertSettings.DEFAULT.thresholds(), Set.of("itl1"),
        Set.of(SectorGroup.ALL), Optional.of(week(4, 0)));
    assertThat(run(later, AlertsTopologyTest::clusterMovesToManchester, "start")).isEmpty();
  }
}
