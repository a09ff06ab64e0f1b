package io.regiolink.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WorkloadTest {
  @Test
  void siteCountsAreSkewedLikeRealFirms() {
    long seed = System.nanoTime();
    System.out.println("WorkloadTest seed " + seed);
    SplittableRandom random = new SplittableRandom(seed);
    int n = 200_000;
    int upToTwo = 0;
    int hundredsOrMore = 0;
    int max = 0;
    for (int i = 0; i < n; i++) {
      int count = Workload.siteCount(random);
      upToTwo += count <= 2 ? 1 : 0;
      hundredsOrMore += count >= 100 ? 1 : 0;
      max = Math.max(max, count);
    }
    assertThat(upToTwo).as("companies with 0-2 sites").isBetween((int) (0.85 * n), (int) (0.89 * n));
    assertThat(hundredsOrMore).as("a long tail with hundreds").isPositive();
    assertThat(max).isLessThanOrEqualTo(500);
  }

  @Test
  void theSameSeedGivesTheSameRecordsAndEveryCompanyHasAProfileAndASiteList() {
    List<Workload.Event> first = new ArrayList<>();
    List<Workload.Event> second = new ArrayList<>();
    new Workload(7, 50, 80).forEach(first::add);
    new Workload(7, 50, 80).forEach(second::add);
    assertThat(first).hasSize(180).isEqualTo(second);
    assertThat(first.subList(0, 100)).filteredOn(e -> e instanceof Workload.ProfileEvent).hasSize(50);
    assertThat(first.subList(0, 100)).filteredOn(e -> e instanceof Workload.SitesEvent).hasSize(50);
  }

  /** Every company of the largest preset has a number the input rules accept, as itself, and no two share one. */
  @Test
  void everyCompanyNumberOfTheUkPresetIsValidAndDistinct() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int c = 0; c < 5_500_000; c += 997) {
      String number = Workload.number(c);
      assertThat(io.regiolink.company.CompanyNumber.normalise(number)).as("company " + c).contains(number);
      assertThat(seen.add(number)).isTrue();
    }
    assertThat(Workload.number(999_999)).isEqualTo("BA999999");
    assertThat(Workload.number(1_000_000)).isEqualTo("BB000000");
    assertThat(Workload.number(5_499_999)).isEqualTo("BF499999");
  }
}
