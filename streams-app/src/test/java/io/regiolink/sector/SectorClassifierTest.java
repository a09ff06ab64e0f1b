package io.regiolink.sector;

import static io.regiolink.sector.SectorGroup.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SectorClassifierTest {
  private final SectorClassifier sectors = SectorClassifier.load();

  @Test
  void groupsFollowTheDivisionOfEachCode() {
    assertThat(sectors.groups(List.of("62012"))).containsExactlyInAnyOrder(KIBS, KI, ALL);
    assertThat(sectors.groups(List.of("64209"))).containsExactlyInAnyOrder(FINANCIAL_KIS, KI, ALL);
    assertThat(sectors.groups(List.of("21100"))).containsExactlyInAnyOrder(HIGH_TECH_MANUFACTURING, KI, ALL);
    assertThat(sectors.groups(List.of("61100"))).containsExactlyInAnyOrder(HIGH_TECH_KIS, KI, ALL);
    assertThat(sectors.groups(List.of("50100"))).containsExactlyInAnyOrder(MARKET_KIS, KI, ALL);
    assertThat(sectors.groups(List.of("86101"))).containsExactlyInAnyOrder(OTHER_KIS, KI, ALL);
  }

  @Test
  void aCompanyIsInEveryGroupOneOfItsCodesFallsIn() {
    assertThat(sectors.groups(List.of("62012", "64209", "01110")))
        .containsExactlyInAnyOrder(KIBS, FINANCIAL_KIS, KI, ALL);
  }

  @Test
  void placeholdersAndUnlistedDivisionsCountInNoKnowledgeIntensiveGroup() {
    assertThat(sectors.groups(List.of("74990"))).as("non-trading, though 74 is KIBS").containsExactlyInAnyOrder(OTHER, ALL);
    assertThat(sectors.groups(List.of("99999"))).containsExactlyInAnyOrder(OTHER, ALL);
    assertThat(sectors.groups(List.of("01110"))).containsExactlyInAnyOrder(OTHER, ALL);
    assertThat(sectors.groups(List.of())).containsExactlyInAnyOrder(OTHER, ALL);
    assertThat(sectors.groups(List.of("74990", "70100"))).containsExactlyInAnyOrder(KIBS, KI, ALL);
  }
}
