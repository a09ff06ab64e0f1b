package io.regiolink.alerts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * HUB_RANK (design section 8): which regions entered or left the top N by inbound companies in
 * one scheme and sector between two window ends. Ties are broken by region code, so the ranking,
 * and with it every replay, is deterministic.
 */
public final class HubRanking {
  private HubRanking() {}

  /** A region that entered (rankBefore null) or left (rankAfter null) the top list. */
  public record Move(String region, long inboundBefore, long inboundAfter, Integer rankBefore, Integer rankAfter) {
    public boolean entered() {
      return rankBefore == null;
    }
  }

  /** Ranks 1..n of the regions with inbound companies, largest first. */
  public static Map<String, Integer> ranks(Map<String, Long> inbound) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(inbound.entrySet());
    entries.removeIf(e -> e.getValue() <= 0);
    entries.sort(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
        .thenComparing(Map.Entry::getKey));
    Map<String, Integer> ranks = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      ranks.put(entries.get(i).getKey(), i + 1);
    }
    return ranks;
  }

  public static List<Move> moves(Map<String, Long> before, Map<String, Long> after, int top) {
    Map<String, Integer> rankBefore = ranks(before);
    Map<String, Integer> rankAfter = ranks(after);
    TreeSet<String> regions = new TreeSet<>(rankBefore.keySet());
    regions.addAll(rankAfter.keySet());
    List<Move> moves = new ArrayList<>();
    for (String region : regions) {
      Integer b = rankBefore.get(region);
      Integer a = rankAfter.get(region);
      boolean wasIn = b != null && b <= top;
      boolean isIn = a != null && a <= top;
      if (wasIn != isIn) {
        moves.add(new Move(region, before.getOrDefault(region, 0L), after.getOrDefault(region, 0L),
            wasIn ? b : null, isIn ? a : null));
      }
    }
    return moves;
  }
}
