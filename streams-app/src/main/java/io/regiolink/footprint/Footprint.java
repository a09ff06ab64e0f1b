package io.regiolink.footprint;

import io.regiolink.sector.SectorGroup;
import java.util.Map;
import java.util.Set;

/**
 * Where one company is, in every scheme: its registered-office region (or
 * {@link io.regiolink.footprint.RegionKey#UNRESOLVED}), how many of its sites fall in each region, and
 * how many could not be placed; plus whether it is counted at all and why not.
 *
 * @param notCountedReason empty when counted
 * @param hasSiteList false when no trading-site list has arrived (the company then adds to no link)
 * @param repairedPostcodes office and site postcodes placed after an unambiguous typo repair
 *     ({@link io.regiolink.geo.Postcode})
 */
public record Footprint(
    String companyNumber,
    boolean counted,
    String notCountedReason,
    Set<SectorGroup> sectors,
    boolean hasSiteList,
    Map<String, String> registeredRegion,
    Map<String, Map<String, Integer>> sitesByRegion,
    Map<String, Integer> unresolvedSites,
    int repairedPostcodes) {

  public static Footprint notCounted(String companyNumber, String reason) {
    return new Footprint(companyNumber, false, reason, Set.of(), false, Map.of(), Map.of(), Map.of(), 0);
  }
}
