package io.regiolink.query;

import io.regiolink.avro.RegionSummary;
import java.time.Instant;

/** A region summary as the API shows it (the {@code RegionSummary} fields in camelCase). */
public record RegionView(String scheme, String region, String sector, long registered, long outbound, long inbound,
    long sitesIn, long unresolvedSites, Instant asOf) {

  public static RegionView of(RegionSummary s) {
    return new RegionView(s.getScheme(), s.getRegion(), s.getSector(), s.getRegistered(), s.getOutbound(),
        s.getInbound(), s.getSitesIn(), s.getUnresolvedSites(), s.getAsOf());
  }

  public static RegionView none(String scheme, String region, String sector) {
    return new RegionView(scheme, region, sector, 0, 0, 0, 0, 0, null);
  }
}
