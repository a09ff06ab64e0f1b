package io.regiolink.links;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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
    Map<LinkKey, LinkTally> linkDelta = new HashMap<>();
    Set<LinkKey> linkKeys = new HashSet<>(links.keySet());
    linkKeys.addAll(older.links.keySet());
    for (LinkKey key : linkKeys) {
      LinkTally d = links.getOrDefault(key, LinkTally.ZERO).minus(older.links.getOrDefault(key, LinkTally.ZERO));
      if (!d.isZero()) {
        linkDelta.put(key, d);
      }
    }
    Map<RegionKey, RegionTally> regionDelta = new HashMap<>();
    Set<RegionKey> regionKeys = new HashSet<>(regions.keySet());
    regionKeys.addAll(older.regions.keySet());
    for (RegionKey key : regionKeys) {
      RegionTally d = regions.getOrDefault(key, RegionTally.ZERO).minus(older.regions.getOrDefault(key, RegionTally.ZERO));
      if (!d.isZero()) {
        regionDelta.put(key, d);
      }
    }
    return new Contributions(linkDelta, regionDelta);
  }

  public boolean isEmpty() {
    return links.isEmpty() && regions.isEmpty();
  }
}
