package io.regiolink.links;

import io.regiolink.avro.internal.CountDelta;
import io.regiolink.avro.internal.HistoryPart;
import java.time.Instant;
import java.util.List;

/**
 * The seven measures of count deltas, added up in place. Mutable and held only between two
 * commits by one processor: adding is seven long additions, because it runs for every one of the
 * 10-30 deltas of every company change.
 */
final class MeasureSum {
  private long companies;
  private long sites;
  private long registered;
  private long outbound;
  private long inbound;
  private long sitesIn;
  private long unresolvedSites;

  void add(CountDelta d) {
    companies += d.getCompanies();
    sites += d.getSites();
    registered += d.getRegistered();
    outbound += d.getOutbound();
    inbound += d.getInbound();
    sitesIn += d.getSitesIn();
    unresolvedSites += d.getUnresolvedSites();
  }

  void add(HistoryPart p) {
    companies += p.getCompanies();
    sites += p.getSites();
    registered += p.getRegistered();
    outbound += p.getOutbound();
    inbound += p.getInbound();
    sitesIn += p.getSitesIn();
    unresolvedSites += p.getUnresolvedSites();
  }

  /** Whether every measure adds up to zero: the changes cancelled out. */
  boolean isZero() {
    return companies == 0 && sites == 0 && registered == 0 && outbound == 0 && inbound == 0 && sitesIn == 0
        && unresolvedSites == 0;
  }

  /**
   * These measures as a delta with the names (target, scheme, regions, sector) of {@code names}.
   * The all-args constructor, not the builder: build() deep-copies every default it fills in.
   */
  CountDelta toDelta(CountDelta names, Instant eventTime, List<HistoryPart> history) {
    return new CountDelta(names.getTarget(), names.getScheme(), names.getOrigin(), names.getDestination(),
        names.getSector(), companies, sites, registered, outbound, inbound, sitesIn, unresolvedSites, eventTime,
        history);
  }

  /** These measures as the part of a delta that takes effect at {@code at}. */
  HistoryPart toPart(Instant at) {
    return new HistoryPart(at, companies, sites, registered, outbound, inbound, sitesIn, unresolvedSites);
  }
}
