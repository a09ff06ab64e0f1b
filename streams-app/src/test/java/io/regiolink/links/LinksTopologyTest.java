package io.regiolink.links;

import static io.regiolink.testing.Events.T0;
import static io.regiolink.testing.Events.active;
import static io.regiolink.testing.Events.profile;
import static io.regiolink.testing.Events.sites;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.EventType;
import io.regiolink.avro.LinkCount;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.RejectedRecord;
import io.regiolink.footprint.FootprintRules;
import io.regiolink.geo.Geography;
import io.regiolink.sector.SectorClassifier;
import io.regiolink.testing.TopologyHarness;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worked examples through the real topology (TopologyTestDriver); the property test covers the rest. */
class LinksTopologyTest {
  static final FootprintRules RULES =
      new FootprintRules(Geography.load(List.of()), SectorClassifier.load(), Set.of("active"));
  static final Instant NOW = Instant.parse("2025-06-10T00:00:00Z");

  @TempDir Path stateDir;
  TopologyHarness app;

  @BeforeEach
  void start() {
    app = new TopologyHarness(RULES, stateDir, NOW);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void aProfileAndASiteListMakeLinksAndAMoveShiftsThem() {
    app.profile("00000001", active("1", "LS1 4AP", 1, "62012"));
    app.sites("00000001", sites("1", T0, "a", "M1 1AE", "b", "LS1 4AP"));

    LinkCount leedsToManchester = app.compactedLinks().get("itl1:TLE:TLD:KIBS");
    assertThat(leedsToManchester.getCompanies()).isEqualTo(1);
    assertThat(leedsToManchester.getSites()).isEqualTo(1);
    assertThat(app.compactedRegions().get("itl1:TLE:KIBS").getOutbound()).isEqualTo(1);

    app.profile("00000001", active("1", "M1 1AE", 2, "62012"));
    assertThat(app.compactedLinks()).doesNotContainKey("itl1:TLE:TLD:KIBS").containsKeys("itl1:TLD:TLD:KIBS", "itl1:TLD:TLE:KIBS");
    assertThat(app.linkStore()).isEqualTo(app.compactedLinks());
  }

  @Test
  void aDissolutionRetractsEverythingAndANewerRestorationBringsItBack() {
    app.profile("00000001", active("1", "LS1 4AP", 1));
    app.sites("00000001", sites("1", T0, "a", "M1 1AE"));
    app.profile("00000001", profile("1", "dissolved", "LS1 4AP", List.of(), 2, T0.plusSeconds(2), EventType.changed));
    assertThat(app.compactedLinks()).isEmpty();
    assertThat(app.compactedRegions()).isEmpty();
    assertThat(app.linkStore()).isEmpty();
    app.profile("00000001", active("1", "LS1 4AP", 3));
    assertThat(app.compactedLinks()).containsKey("itl1:TLE:TLD:ALL");
  }

  @Test
  void keysAreNormalisedSoEveryVariantReachesTheSameCompany() {
    app.profile("123", active("123", "LS1 4AP", 1));
    app.sites("00000123", sites("00000123", T0, "a", "M1 1AE"));
    app.sites(null, sites("0000 0123", T0.plusSeconds(5), "a", "M1 1AE", "b", "M1 2AB"));
    assertThat(app.compactedLinks().get("lad:E08000035:E08000003:ALL").getSites()).isEqualTo(2);
    assertThat(app.compactedLinks().get("lad:E08000035:E08000003:ALL").getCompanies()).isEqualTo(1);
  }

  @Test
  void unusableRecordsAreRejectedWithReasonsAndTheRestIsCountedExactly() {
    app.rawProfile("k1", new byte[] {1, 2, 3});
    app.profile("bad", active("NOT-A-NUMBER", "LS1 4AP", 1));
    app.profile("00000002", active("2", "LS1 4AP", 1));
    app.rawSites("00000002", null);
    app.profile("00000003", profile("3", "active", "LS1 4AP", List.of(), 1, NOW.plusSeconds(3 * 24 * 3600),
        EventType.changed));
    app.sites("00000002", sites("2", T0, "a", "GY1 1AA", "b", "LS1 4AP"));

    List<RejectedRecord> rejected = app.rejected();
    assertThat(rejected).extracting(RejectedRecord::getReasonCode)
        .containsExactly("BAD_BYTES", "BAD_COMPANY_NUMBER", "TOMBSTONE", "FUTURE_EVENT");
    assertThat(rejected.get(0).getOrigin()).isEqualTo("companies.profiles.v1/0/0");
    assertThat(rejected.get(0).getRawValue().array()).containsExactly(1, 2, 3);
    assertThat(rejected.get(1).getReason()).contains("NOT-A-NUMBER");

    // The Guernsey site cannot be placed: kept and counted as unresolved, not rejected.
    assertThat(app.compactedLinks().get("itl1:TLE:TLE:ALL").getCompanies()).isEqualTo(1);
    assertThat(app.compactedRegions().get("itl1:TLE:ALL").getUnresolvedSites()).isEqualTo(1);

    assertThat(app.regiolinkMetric("rejected-records-total", "BAD_BYTES")).isEqualTo(1.0);
    assertThat(app.regiolinkMetric("rejected-records-total", "BAD_COMPANY_NUMBER")).isEqualTo(1.0);
    assertThat(app.regiolinkMetric("rejected-records-total", "TOMBSTONE")).isEqualTo(1.0);
    assertThat(app.regiolinkMetric("rejected-records-total", "FUTURE_EVENT")).isEqualTo(1.0);
    assertThat(app.regiolinkMetric("unresolved-postcodes-total", "footprints")).isEqualTo(1.0);
  }

  @Test
  void aRejectionOfAHugeRecordStaysSmallEnoughToBeSent() {
    String huge = "9".repeat(1_000_000);
    app.profile(huge, CompanyProfileEvent.newBuilder(active("4", "LS1 4AP", 1)).setCompanyNumber(huge).build());
    app.rawProfile("k-huge", new byte[2_000_000]);

    List<RejectedRecord> rejected = app.rejected();
    assertThat(rejected).extracting(RejectedRecord::getReasonCode).containsExactly("BAD_COMPANY_NUMBER", "BAD_BYTES");
    assertThat(rejected.get(0).getReason()).hasSizeLessThan(3000).contains("characters in all");
    assertThat(rejected.get(0).getRawKey().remaining()).isEqualTo(16 * 1024);
    assertThat(rejected.get(1).getRawValue().remaining()).isEqualTo(900 * 1024);
    assertThat(rejected.get(1).getReason()).contains("the first 921600 of its 2000000 bytes");
  }
}
