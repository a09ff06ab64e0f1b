package io.regiolink.query;

import io.regiolink.footprint.RegionKey;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** How gathered answers are ordered and cut: plain functions over what every instance sent. */
public final class Ranking {
  /** Largest first by companies, then sites; ties by key, so every instance answers alike. */
  static final Comparator<LinkView> LARGEST_FIRST = Comparator.comparingLong(LinkView::companies).reversed()
      .thenComparing(Comparator.comparingLong(LinkView::sites).reversed())
      .thenComparing(LinkView::key);

  private Ranking() {}

  /** A region ranked by a measure of its summary. */
  public record Hub(String region, String name, long companies) {}

  /** A non-zero cell of an origin-destination matrix. */
  public record Cell(String origin, String destination, long companies, long sites) {}

  public static List<LinkView> largestLinks(List<LinkView> links, int limit) {
    return links.stream().sorted(LARGEST_FIRST).limit(limit).toList();
  }

  /**
   * The top regions by a measure of their summaries; regions at zero and the UNRESOLVED bucket
   * are no hubs. Ties go to the lower region code, as in the HUB_RANK alert.
   */
  public static List<Hub> hubs(List<RegionView> summaries, ToLongFunction<RegionView> measure, int top,
      Function<String, String> names) {
    return summaries.stream()
        .filter(s -> !RegionKey.UNRESOLVED.equals(s.region()) && measure.applyAsLong(s) > 0)
        .sorted(Comparator.comparingLong(measure).reversed().thenComparing(RegionView::region))
        .limit(top)
        .map(s -> new Hub(s.region(), names.apply(s.region()), measure.applyAsLong(s)))
        .toList();
  }

  /** Non-zero cells in origin, destination order. */
  public static List<Cell> cells(List<LinkView> links) {
    return links.stream()
        .filter(l -> l.companies() > 0 || l.sites() > 0)
        .sorted(Comparator.comparing(LinkView::origin).thenComparing(LinkView::destination))
        .map(l -> new Cell(l.origin(), l.destination(), l.companies(), l.sites()))
        .toList();
  }

  /** The latest {@code asOf} of the links, or null when there are none. */
  public static Instant latest(List<LinkView> links) {
    return links.stream().map(LinkView::asOf).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
  }
}
