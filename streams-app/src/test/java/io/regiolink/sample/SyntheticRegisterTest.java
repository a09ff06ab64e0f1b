package io.regiolink.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.TradingSites;
import io.regiolink.geo.Geography;
import io.regiolink.geo.Postcode;
import io.regiolink.sector.SectorClassifier;
import io.regiolink.sector.SectorGroup;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticRegisterTest {
  static final Instant START = Instant.parse("2024-11-25T00:00:00Z");

  @Test
  void theSameSeedGivesTheSameRegister() {
    var a = new SyntheticRegister(7, 500).companies();
    var b = new SyntheticRegister(7, 500).companies();
    assertThat(a).hasSize(500);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).officePostcode).isEqualTo(b.get(i).officePostcode);
      assertThat(a.get(i).sicCodes).isEqualTo(b.get(i).sicCodes);
      assertThat(a.get(i).sites.size()).isEqualTo(b.get(i).sites.size());
    }
    var other = new SyntheticRegister(8, 500).companies();
    assertThat(other.stream().map(c -> c.officePostcode).toList()).as("another seed, another register")
        .isNotEqualTo(a.stream().map(c -> c.officePostcode).toList());
  }

  @Test
  void companiesAreSyntheticNumberedFromZz000001OnRealDistrictsAndCodes() {
    Geography geo = Geography.load(List.of());
    SectorClassifier sectors = SectorClassifier.load();
    var companies = new SyntheticRegister(20261128, 2000).companies();
    assertThat(companies.get(0).number).isEqualTo("ZZ000001");
    assertThat(companies.get(1999).number).isEqualTo("ZZ002000");
    long placed = companies.stream()
        .filter(c -> geo.resolve(Postcode.parse(c.officePostcode).orElseThrow()).containsKey("lad")).count();
    assertThat(placed).as("every office on a real district").isEqualTo(companies.size());
    long singleSite = companies.stream().filter(c -> c.sites.size() == 1).count();
    assertThat(singleSite).as("most firms are single-site").isBetween(1300L, 1600L);
    long ki = companies.stream().filter(c -> sectors.groups(c.sicCodes).contains(SectorGroup.KI)).count();
    assertThat(ki).isBetween(600L, 1100L);
    CompanyProfileEvent profile = SyntheticRegister.profile(companies.get(0), 1, START, io.regiolink.avro.EventType.snapshot, List.of());
    assertThat(profile.getCompanyName()).contains("SYNTHETIC");
    TradingSites sites = SyntheticRegister.sites(companies.get(0), START);
    assertThat(sites.getSites()).allMatch(s -> s.getLabel().contains("SYNTHETIC"));
  }

  @Test
  void multiSiteFirmsLeanTowardTheHubs() {
    Geography geo = Geography.load(List.of());
    var companies = new SyntheticRegister(3, 3000).companies();
    long hubSites = 0;
    long otherSites = 0;
    for (SampleCompany c : companies) {
      for (int i = 1; i < c.sites.size(); i++) {
        String lad = geo.resolve(Postcode.parse(c.sites.get(i)[1]).orElseThrow()).get("lad");
        if (SampleGeography.HUB_LADS.contains(lad)) {
          hubSites++;
        } else {
          otherSites++;
        }
      }
    }
    // The six hub LADs hold about 2% of postcodes but draw far more of the extra sites.
    assertThat((double) hubSites / (hubSites + otherSites)).isGreaterThan(0.25);
  }

  @Test
  void theTrickleIsReproducibleSoARestartCarriesOnWhereItStopped() {
    SyntheticRegister first = new SyntheticRegister(11, 1000);
    Trickle a = new Trickle(first, 11);
    for (int day = 1; day <= 5; day++) {
      a.day(day, START.plusSeconds(86_400L * day));
    }
    var day6 = a.day(6, START.plusSeconds(86_400L * 6));

    SyntheticRegister restarted = new SyntheticRegister(11, 1000);
    Trickle b = new Trickle(restarted, 11);
    for (int day = 1; day <= 5; day++) {
      b.day(day, START.plusSeconds(86_400L * day));
    }
    var again = b.day(6, START.plusSeconds(86_400L * 6));
    assertThat(again.events()).isEqualTo(day6.events());
    assertThat(day6.events()).isNotEmpty().allMatch(e -> !e.eventTime().isBefore(START.plusSeconds(86_400L * 6)));
  }
}
