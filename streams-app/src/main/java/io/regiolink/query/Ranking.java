package io.regiolink.query;

import io.regiolink.footprint.RegionKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
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

  /** A link's two counts. */
  public record Tally(long companies, long sites) {}

  /** A link that changed between two instants: its counts then, and the change. */
  public record LinkChange(String origin, String destination, Tally before, Tally after, Tally change) {}

  /** A region whose hub rank moved: ranks 1-based, null where it was no hub (zero). */
  public record HubMove(String region, String name, Integer rankBefore, Integer rankAfter, long before, long after) {}

  /**
   * The links whose counts differ between two readings of one scheme and sector, the largest
   * change in companies first, then in sites; ties by origin and destination.
   */
  public static List<LinkChange> changes(List<LinkView> before, List<LinkView> after, int limit) {
    Map<String, LinkView> was = new HashMap<>();
    before.forEach(l -> was.put(l.origin() + ":" + l.destination(), l));
    Map<String, LinkView> is = new HashMap<>();
    after.forEach(l -> is.put(l.origin() + ":" + l.destination(), l));
    Set<String> keys = new TreeSet<>(was.keySet());
    keys.addAll(is.keySet());
    List<LinkChange> changes = new ArrayList<>();
    for (String key : keys) {
      LinkView a = was.get(key);
      LinkView b = is.get(key);
      Tally then = a == null ? new Tally(0, 0) : new Tally(a.companies(), a.sites());
      Tally now = b == null ? new Tally(0, 0) : new Tally(b.companies(), b.sites());
      Tally change = new Tally(now.companies() - then.companies(), now.sites() - then.sites());
      if (change.companies() != 0 || change.sites() != 0) {
        LinkView any = a != null ? a : b;
        changes.add(new LinkChange(any.origin(), any.destination(), then, now, change));
      }
    }
    return changes.stream()
        .sorted(Comparator.comparingLong((LinkChange c) -> Math.abs(c.change().companies())).reversed()
            .thenComparing(Comparator.comparingLong((LinkChange c) -> Math.abs(c.change().sites())).reversed())
            .thenComparing(LinkChange::origin).thenComparing(LinkChange::destination))
        .limit(limit)
        .toList();
  }

  /**
   * The regions among the {@code top} of either reading whose rank by a measure differs between
   * the two, by their rank after (non-hubs last). Bounded by the top lists: on a scheme of
   * hundreds of regions nearly every rank below the first few moves by a place or two, which says
   * nothing about hubs; a hub that fell far out of the top still shows, with its new rank.
   */
  public static List<HubMove> hubMoves(List<RegionView> before, List<RegionView> after,
      ToLongFunction<RegionView> measure, int top, Function<String, String> names) {
    List<Hub> then = hubs(before, measure, Integer.MAX_VALUE, names);
    List<Hub> now = hubs(after, measure, Integer.MAX_VALUE, names);
    Map<String, Integer> rankThen = new HashMap<>();
    Map<String, Long> valueThen = new HashMap<>();
    for (int i = 0; i < then.size(); i++) {
      rankThen.put(then.get(i).region(), i + 1);
      valueThen.put(then.get(i).region(), then.get(i).companies());
    }
    List<HubMove> moves = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < now.size(); i++) {
      Hub hub = now.get(i);
      seen.add(hub.region());
      Integer was = rankThen.get(hub.region());
      boolean inTop = i < top || (was != null && was <= top);
      if (inTop && (was == null || was != i + 1)) {
        moves.add(new HubMove(hub.region(), hub.name(), was, i + 1, valueThen.getOrDefault(hub.region(), 0L),
            hub.companies()));
      }
    }
    for (Hub hub : then.subList(0, Math.min(top, then.size()))) {
      if (!seen.contains(hub.region())) {
        moves.add(new HubMove(hub.region(), hub.name(), rankThen.get(hub.region()), null, hub.companies(), 0));
      }
    }
    return moves;
  }

  /** The latest {@code asOf} of the links, or null when there are none. */
  public static Instant latest(List<LinkView> links) {
    return links.stream().map(LinkView::asOf).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
  }
}
