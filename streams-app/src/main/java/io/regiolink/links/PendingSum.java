package io.regiolink.links;

import io.regiolink.avro.internal.CountDelta;
import java.time.Instant;

/**
 * One pending delta sum in {@link DeltaCombiner}: the seven measures added up, the latest event
 * time kept, and the names (target, scheme, regions, sector) and history time (the same for every
 * delta of a sum) of the first delta. Mutable, and
 * held only in {@link DeltaCombiner}'s map between two commits: adding a delta is seven long
 * additions, because this runs for every one of the 10-30 deltas of every company change.
 */
final class PendingSum {
  private final CountDelta first;
  private long companies;
  private long sites;
  private long registered;
  private long outbound;
  private long inbound;
  private long sitesIn;
  private long unresolvedSites;
  private long eventTimeMillis = Long.MIN_VALUE;

  PendingSum(CountDelta first) {
    this.first = first;
    add(first);
  }

  void add(CountDelta d) {
    companies += d.getCompanies();
    sites += d.getSites();
    registered += d.getRegistered();
    outbound += d.getOutbound();
    inbound += d.getInbound();
    sitesIn += d.getSitesIn();
    unresolvedSites += d.getUnresolvedSites();
    eventTimeMillis = Math.max(eventTimeMillis, d.getEventTime().toEpochMilli());
  }

  /** Whether every measure adds up to zero: the changes cancelled out. */
  boolean isZero() {
    return companies == 0 && sites == 0 && registered == 0 && outbound == 0 && inbound == 0 && sitesIn == 0
        && unresolvedSites == 0;
  }

  long eventTimeMillis() {
    return eventTimeMillis;
  }

  CountDelta toDelta() {
    return new CountDelta(first.getTarget(), first.getScheme(), first.getOrigin(), first.getDestination(),
        first.getSector(), companies, sites, registered, outbound, inbound, sitesIn, unresolvedSites,
        Instant.ofEpochMilli(eventTimeMillis), first.getHistoryTime());
  }
}
