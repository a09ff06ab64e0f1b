package io.regiolink.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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

  @Test
  void hubMovesAreTheRankChangesWithinEitherDaysTopList() {
    List<RegionView> before = List.of(region("A", 10, 0), region("B", 8, 0), region("C", 6, 0), region("D", 4, 0),
        region("E", 2, 0), region("F", 1, 0));
    List<RegionView> after = List.of(region("A", 10, 0), region("C", 9, 0), region("D", 4, 0), region("B", 3, 0),
        region("F", 2, 0), region("G", 1, 0), region("E", 0, 0));
    // Top 2: C climbed into it, B fell out of it (with its new rank); A kept its place; D, F, G and E moved below it.
    assertThat(Ranking.hubMoves(before, after, RegionView::inbound, 2, code -> code)).containsExactly(
        new Ranking.HubMove("C", "C", 3, 2, 6, 9), new Ranking.HubMove("B", "B", 2, 4, 8, 3));
    // Top 10 takes in every move, by rank after; E, no hub any more, last.
    assertThat(Ranking.hubMoves(before, after, RegionView::inbound, 10, code -> code))
        .extracting(Ranking.HubMove::region, Ranking.HubMove::rankBefore, Ranking.HubMove::rankAfter)
        .containsExactly(tuple("C", 3, 2), tuple("D", 4, 3), tuple("B", 2, 4), tuple("F", 6, 5), tuple("G", null, 6),
            tuple("E", 5, null));
    // A top hub that drops to zero is reported with no rank after.
    assertThat(Ranking.hubMoves(before, List.of(region("A", 10, 0)), RegionView::inbound, 2, code -> code))
        .containsExactly(new Ranking.HubMove("B", "B", 2, null, 8, 0));
  }
}
