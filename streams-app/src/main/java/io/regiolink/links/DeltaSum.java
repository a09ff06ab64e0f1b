package io.regiolink.links;

import io.regiolink.avro.internal.CountDelta;

/** Adding two count deltas of the same link or region: every measure summed, the later event time kept. */
final class DeltaSum {
  private DeltaSum() {}

  static CountDelta plus(CountDelta a, CountDelta b) {
    return CountDelta.newBuilder(a)
        .setCompanies(a.getCompanies() + b.getCompanies())
        .setSites(a.getSites() + b.getSites())
        .setRegistered(a.getRegistered() + b.getRegistered())
        .setOutbound(a.getOutbound() + b.getOutbound())
        .setInbound(a.getInbound() + b.getInbound())
        .setSitesIn(a.getSitesIn() + b.getSitesIn())
        .setUnresolvedSites(a.getUnresolvedSites() + b.getUnresolvedSites())
        .setEventTime(b.getEventTime().isAfter(a.getEventTime()) ? b.getEventTime() : a.getEventTime())
        .build();
  }
}
