package io.regiolink.footprint;

import static io.regiolink.testing.Events.T0;
import static io.regiolink.testing.Events.active;
import static io.regiolink.testing.Events.profile;
import static io.regiolink.testing.Events.sites;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventType;
import io.regiolink.avro.TradingSites;
import io.regiolink.avro.internal.CompanyState;
import io.regiolink.geo.Geography;
import io.regiolink.sector.SectorClassifier;
import io.regiolink.sector.SectorGroup;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FootprintRulesTest {
  static final FootprintRules RULES =
      new FootprintRules(Geography.load(List.of()), SectorClassifier.load(), Set.of("active"));
  static final String LEEDS = "E08000035";
  static final String MANCHESTER = "E08000003";

  static CompanyState state(CompanyProfileEvent p, TradingSites s) {
    return CompanyState.newBuilder().setCompanyNumber("00000001").setProfile(p).setSites(s).build();
  }

  @Test
  void aLeedsKibsFirmWithSitesInLeedsAndManchester() {
    Contributions c = RULES.contributions(state(active("1", "LS1 4AP", 1, "62012"),
        sites("1", T0, "hq", "LS1 4AP", "m1", "M1 1AE", "m2", "M1 2AB", "x", "ZZ9 9ZZ")));

    for (SectorGroup g : List.of(SectorGroup.KIBS, SectorGroup.KI, SectorGroup.ALL)) {
      assertThat(c.links()).containsEntry(new LinkKey("lad", LEEDS, LEEDS, g), new LinkTally(1, 1))
          .containsEntry(new LinkKey("lad", LEEDS, MANCHESTER, g), new LinkTally(1, 2))
          .containsEntry(new LinkKey("itl1", "TLE", "TLE", g), new LinkTally(1, 1))
          .containsEntry(new LinkKey("itl1", "TLE", "TLD", g), new LinkTally(1, 2));
      assertThat(c.regions())
          .containsEntry(new RegionKey("itl1", "TLE", g), new RegionTally(1, 1, 0, 1, 1))
          .containsEntry(new RegionKey("itl1", "TLD", g), new RegionTally(0, 0, 1, 2, 0));
    }
    assertThat(c.links()).hasSize(3 * 4);
    assertThat(c.links().keySet()).noneMatch(k -> k.sector() == SectorGroup.OTHER);
  }

  @Test
  void withoutASiteListACompanyIsRegisteredButLinksNowhere() {
    Contributions c = RULES.contributions(state(active("1", "LS1 4AP", 1), null));
    assertThat(c.links()).isEmpty();
    assertThat(c.regions()).containsEntry(new RegionKey("itl1", "TLE", SectorGroup.OTHER), new RegionTally(1, 0, 0, 0, 0));
  }

  @Test
  void anUnplaceableOfficeIsSummarisedUnderUnresolvedAndAddsToNoLink() {
    Contributions c = RULES.contributions(state(active("1", "GY1 1AA", 1), sites("1", T0, "a", "M1 1AE")));
    assertThat(c.links()).isEmpty();
    assertThat(c.regions())
        .containsEntry(new RegionKey("lad", RegionKey.UNRESOLVED, SectorGroup.ALL), new RegionTally(1, 0, 0, 0, 0))
        .containsEntry(new RegionKey("lad", MANCHESTER, SectorGroup.ALL), new RegionTally(0, 0, 0, 1, 0));
  }

  @Test
  void uncountedCompaniesContributeNothingAndSayWhy() {
    var dissolved = profile("1", "dissolved", "LS1 4AP", List.of(), 1, T0, EventType.changed);
    assertThat(RULES.contributions(state(dissolved, sites("1", T0, "a", "LS1 4AP")))).isEqualTo(Contributions.NONE);
    assertThat(RULES.footprint(state(dissolved, null)).notCountedReason()).contains("dissolved");
    var deleted = profile("1", "active", "LS1 4AP", List.of(), 1, T0, EventType.deleted);
    assertThat(RULES.footprint(state(deleted, null)).notCountedReason()).contains("deleted");
    assertThat(RULES.footprint(state(null, sites("1", T0, "a", "LS1 4AP"))).notCountedReason()).contains("no company profile");
  }

  @Test
  void aMoveSubtractsTheOldContributionsAndAddsTheNew() {
    TradingSites s = sites("1", T0, "a", "M1 1AE");
    Contributions before = RULES.contributions(state(active("1", "LS1 4AP", 1), s));
    Contributions after = RULES.contributions(state(active("1", "M1 1AE", 2), s));
    Contributions delta = after.minus(before);
    assertThat(delta.links())
        .containsEntry(new LinkKey("itl1", "TLE", "TLD", SectorGroup.ALL), new LinkTally(-1, -1))
        .containsEntry(new LinkKey("itl1", "TLD", "TLD", SectorGroup.ALL), new LinkTally(1, 1));
    assertThat(delta.regions())
        .containsEntry(new RegionKey("itl1", "TLE", SectorGroup.ALL), new RegionTally(-1, -1, 0, 0, 0))
        .containsEntry(new RegionKey("itl1", "TLD", SectorGroup.ALL), new RegionTally(1, 0, -1, 0, 0));
  }

  @Test
  void aRepeatedSiteIdKeepsTheLaterEntry() {
    Contributions c = RULES.contributions(state(active("1", "LS1 4AP", 1),
        sites("1", T0, "a", "M1 1AE", "a", "LS1 4AP")));
    assertThat(c.links()).containsOnlyKeys(
        new LinkKey("lad", LEEDS, LEEDS, SectorGroup.OTHER), new LinkKey("lad", LEEDS, LEEDS, SectorGroup.ALL),
        new LinkKey("itl1", "TLE", "TLE", SectorGroup.OTHER), new LinkKey("itl1", "TLE", "TLE", SectorGroup.ALL));
  }
}
