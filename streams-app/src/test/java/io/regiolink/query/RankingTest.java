package io.regiolink.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingTest {
  private static LinkView link(String origin, String destination, long companies, long sites) {
    return new LinkView("itl1", origin, destination, "ALL", companies, sites, Instant.parse("2025-06-02T00:00:00Z")
        .plusSeconds(companies));
  }

  private static RegionView region(String code, long inbound, long outbound) {
    return new RegionView("itl1", code, "ALL", 10, outbound, inbound, 0, 0, null);
  }

  @Test
  void largestLinksByCompaniesThenSitesThenKeyAndCut() {
    List<LinkView> links = List.of(link("TLC", "TLD", 5, 5), link("TLC", "TLE", 9, 9), link("TLC", "TLF", 5, 7),
        link("TLC", "TLC", 5, 5));
    assertThat(Ranking.largestLinks(links, 3)).extracting(LinkView::destination)
        .containsExactly("TLE", "TLF", "TLC");
  }

  @Test
  void hubsSkipUnresolvedAndZeroAndBreakTiesByCode() {
    List<RegionView> summaries = List.of(region("TLI", 7, 1), region("UNRESOLVED", 99, 0), region("TLD", 7, 0),
        region("TLC", 0, 3), region("TLK", 2, 2));
    assertThat(Ranking.hubs(summaries, RegionView::inbound, 2, code -> "name of " + code))
        .containsExactly(new Ranking.Hub("TLD", "name of TLD", 7), new Ranking.Hub("TLI", "name of TLI", 7));
    assertThat(Ranking.hubs(summaries, RegionView::outbound, 10, code -> code)).extracting(Ranking.Hub::region)
        .containsExactly("TLC", "TLK", "TLI");
  }

  @Test
  void matrixCellsInOrderAndLatestAsOf() {
    List<LinkView> links = List.of(link("TLD", "TLC", 2, 3), link("TLC", "TLD", 4, 4), link("TLC", "TLC", 1, 1));
    assertThat(Ranking.cells(links)).containsExactly(new Ranking.Cell("TLC", "TLC", 1, 1),
        new Ranking.Cell("TLC", "TLD", 4, 4), new Ranking.Cell("TLD", "TLC", 2, 3));
    assertThat(Ranking.latest(links)).isEqualTo(Instant.parse("2025-06-02T00:00:04Z"));
    assertThat(Ranking.latest(List.of())).isNull();
  }
}
