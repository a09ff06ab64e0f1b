package io.regiolink.footprint;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;

/**
 * What one company adds to the counts: a tally per link and per region summary. Counting is the
 * sum of every company's contributions, and a change of a company moves exactly the difference
 * between its new and its old contributions.
 */
public record Contributions(Map<LinkKey, LinkTally> links, Map<RegionKey, RegionTally> regions) {
  public static final Contributions NONE = new Contributions(Map.of(), Map.of());

  public Contributions {
    links = Collections.unmodifiableMap(links);
    regions = Collections.unmodifiableMap(regions);
  }

  /** {@code this - older}, keeping only the entries that change. */
  public Contributions minus(Contributions older) {
    return new Contributions(
        difference(links, older.links, LinkTally.ZERO, LinkTally::minus, LinkTally::isZero),
        difference(regions, older.regions, RegionTally.ZERO, RegionTally::minus, RegionTally::isZero));
  }

  private static <K, V> Map<K, V> difference(Map<K, V> newer, Map<K, V> older, V zero, BinaryOperator<V> minus,
      Predicate<V> isZero) {
    Set<K> keys = new HashSet<>(newer.keySet());
    keys.addAll(older.keySet());
    Map<K, V> delta = new HashMap<>();
    for (K key : keys) {
      V d = minus.apply(newer.getOrDefault(key, zero), older.getOrDefault(key, zero));
      if (!isZero.test(d)) {
        delta.put(key, d);
      }
    }
    return delta;
  }

}
