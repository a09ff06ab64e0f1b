package io.regiolink.company;

import static io.regiolink.testing.Events.T0;
import static io.regiolink.testing.Events.active;
import static io.regiolink.testing.Events.profile;
import static io.regiolink.testing.Events.sites;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventType;
import io.regiolink.avro.TradingSites;
import io.regiolink.avro.internal.CompanyState;
import io.regiolink.avro.internal.CompanyUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatestWinsTest {
  static CompanyUpdate of(CompanyProfileEvent p) {
    return CompanyUpdate.newBuilder().setCompanyNumber("00000001").setProfile(p).build();
  }

  static CompanyUpdate of(TradingSites s) {
    return CompanyUpdate.newBuilder().setCompanyNumber("00000001").setSites(s).build();
  }

  @Test
  void newerProfilesReplaceOlderOnesAndOlderOnesChangeNothing() {
    CompanyState s1 = LatestWins.apply(null, of(active("1", "LS1 4AP", 10))).orElseThrow();
    assertThat(LatestWins.apply(s1, of(active("1", "M1 1AE", 9)))).as("older timepoint").isEmpty();
    CompanyState s2 = LatestWins.apply(s1, of(active("1", "M1 1AE", 11))).orElseThrow();
    assertThat(s2.getProfile().getRegisteredOfficeAddress().getPostalCode()).isEqualTo("M1 1AE");
  }

  @Test
  void onATimepointTiePublishedAtDecidesAndAFullTieKeepsWhatIsHeld() {
    CompanyProfileEvent first = profile("1", "active", "LS1 4AP", List.of(), 5, T0, EventType.changed);
    CompanyProfileEvent later = profile("1", "active", "M1 1AE", List.of(), 5, T0.plusSeconds(1), EventType.changed);
    CompanyProfileEvent sameVersion = profile("1", "dissolved", "M1 1AE", List.of(), 5, T0, EventType.changed);
    CompanyState s1 = LatestWins.apply(null, of(first)).orElseThrow();
    assertThat(LatestWins.apply(s1, of(sameVersion))).as("full tie").isEmpty();
    assertThat(LatestWins.apply(s1, of(later))).isPresent();
  }

  @Test
  void aDeletionIsAVersionedMarkerThatOnlyANewerEventOverrides() {
    CompanyState live = LatestWins.apply(null, of(active("1", "LS1 4AP", 10))).orElseThrow();
    CompanyState deleted = LatestWins.apply(live,
        of(profile("1", null, null, List.of(), 20, T0.plusSeconds(20), EventType.deleted))).orElseThrow();
    assertThat(LatestWins.apply(deleted, of(active("1", "LS1 4AP", 15)))).as("older change after deletion").isEmpty();
    assertThat(LatestWins.apply(deleted, of(active("1", "LS1 4AP", 21)))).as("re-registered later").isPresent();
  }

  @Test
  void siteListsGoByAsOf() {
    CompanyState s1 = LatestWins.apply(null, of(sites("1", T0, "a", "LS1 4AP"))).orElseThrow();
    assertThat(LatestWins.apply(s1, of(sites("1", T0, "b", "M1 1AE")))).as("same as_of").isEmpty();
    assertThat(LatestWins.apply(s1, of(sites("1", T0.minusSeconds(1), "b", "M1 1AE")))).isEmpty();
    assertThat(LatestWins.apply(s1, of(sites("1", T0.plusSeconds(1), "b", "M1 1AE")))).isPresent();
  }
}
