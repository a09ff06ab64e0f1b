package io.regiolink.footprint;

/** The measures of a region summary (see RegionSummary in the schemas for their meaning). */
public record RegionTally(long registered, long outbound, long inbound, long sitesIn, long unresolvedSites) {
  public static final RegionTally ZERO = new RegionTally(0, 0, 0, 0, 0);

  public RegionTally plus(RegionTally o) {
    return new RegionTally(registered + o.registered, outbound + o.outbound, inbound + o.inbound,
        sitesIn + o.sitesIn, unresolvedSites + o.unresolvedSites);
  }

  public RegionTally minus(RegionTally o) {
    return new RegionTally(registered - o.registered, outbound - o.outbound, inbound - o.inbound,
        sitesIn - o.sitesIn, unresolvedSites - o.unresolvedSites);
  }

  public boolean isZero() {
    return registered == 0 && outbound == 0 && inbound == 0 && sitesIn == 0 && unresolvedSites == 0;
  }
}
