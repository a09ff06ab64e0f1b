package io.regiolink.footprint;

import static io.regiolink.footprint.FootprintRulesTest.RULES;
import static io.regiolink.footprint.FootprintRulesTest.state;
import static io.regiolink.testing.Events.T0;
import static io.regiolink.testing.Events.active;
import static io.regiolink.testing.Events.profile;
import static io.regiolink.testing.Events.sites;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.EventType;
import io.regiolink.avro.internal.CompanyState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoverageTest {
  static Coverage of(CompanyState state) {
    return Coverage.of(state, state == null ? null : RULES.footprint(state));
  }

  @Test
  void aCountedCompanyAddsItsOfficeSitesAndRepairs() {
    Coverage c = of(state(active("1", "CRO 1JB", 1, "62012"),
        sites("1", T0, "hq", "LS1 4AP", "m1", "M1 1AE", "x", "ZZ9 9ZZ", "y", "SW1A 1A0")));
    assertThat(c.measures()).isEqualTo(Map.of(Coverage.COUNTED, 1L, Coverage.OFFICES_PLACED, 1L,
        Coverage.SITES_PLACED, 3L, Coverage.SITES_UNRESOLVED, 1L, Coverage.POSTCODES_REPAIRED, 2L));
  }

  @Test
  void officesAreBlankOrUnresolvedAndOthersCountByStatus() {
    assertThat(of(state(active("1", "", 1), null)).measures())
        .isEqualTo(Map.of(Coverage.COUNTED, 1L, Coverage.OFFICES_BLANK, 1L));
    assertThat(of(state(active("1", "94107", 1), null)).measures())
        .isEqualTo(Map.of(Coverage.COUNTED, 1L, Coverage.OFFICES_UNRESOLVED, 1L));
    assertThat(of(state(profile("1", "Liquidation", "LS1 4AP", List.of(), 1, T0, EventType.changed),
        sites("1", T0, "hq", "LS1 4AP"))).measures())
        .as("not counted: only its status, none of its places")
        .isEqualTo(Map.of(Coverage.NOT_COUNTED + "liquidation", 1L));
    assertThat(of(state(null, sites("1", T0, "hq", "LS1 4AP"))).measures())
        .isEqualTo(Map.of(Coverage.NOT_COUNTED + "no-profile", 1L));
    assertThat(of(null)).isEqualTo(Coverage.NONE);
  }

  @Test
  void aChangeMovesExactlyTheDifference() {
    Coverage before = of(state(active("1", "LS1 4AP", 1), sites("1", T0, "hq", "LS1 4AP", "x", "ZZ9 9ZZ")));
    Coverage after = of(state(profile("1", "dissolved", "LS1 4AP", List.of(), 2, T0, EventType.changed),
        sites("1", T0, "hq", "LS1 4AP", "x", "ZZ9 9ZZ")));
    assertThat(after.minus(before).measures()).isEqualTo(Map.of(Coverage.NOT_COUNTED + "dissolved", 1L,
        Coverage.COUNTED, -1L, Coverage.OFFICES_PLACED, -1L, Coverage.SITES_PLACED, -1L, Coverage.SITES_UNRESOLVED, -1L));
    assertThat(before.minus(before)).isEqualTo(Coverage.NONE);
  }
}
