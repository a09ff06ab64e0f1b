package io.regiolink.query;

import io.regiolink.avro.internal.HistoryPart;
import io.regiolink.footprint.LinkKey;
import io.regiolink.footprint.RegionKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts as they stood at an earlier instant: today's, minus every change recorded after it.
 * Plain functions over the views one partition's stores gave, so that the rewinding is the same
 * for a point, a partition of a matrix, and the tests. A rewound view's {@code asOf} (the event
 * time of its last change) is null: the answer says the instant it reflects instead.
 */
public final class Rewind {
  private Rewind() {}

  /** A link at the instant: {@code today} (null when it is zero today) minus the changes after it. */
  public static LinkView link(String scheme, String origin, String destination, String sector, LinkView today,
      List<HistoryPart> after) {
    long companies = today == null ? 0 : today.companies();
    long sites = today == null ? 0 : today.sites();
    for (HistoryPart d : after) {
      companies -= d.getCompanies();
      sites -= d.getSites();
    }
    return new LinkView(scheme, origin, destination, sector, companies, sites, null);
  }

  /** A region summary at the instant, as {@link #link}. */
  public static RegionView region(String scheme, String region, String sector, RegionView today,
      List<HistoryPart> after) {
    long registered = today == null ? 0 : today.registered();
    long outbound = today == null ? 0 : today.outbound();
    long inbound = today == null ? 0 : today.inbound();
    long sitesIn = today == null ? 0 : today.sitesIn();
    long unresolved = today == null ? 0 : today.unresolvedSites();
    for (HistoryPart d : after) {
      registered -= d.getRegistered();
      outbound -= d.getOutbound();
      inbound -= d.getInbound();
      sitesIn -= d.getSitesIn();
      unresolved -= d.getUnresolvedSites();
    }
    return new RegionView(scheme, region, sector, registered, outbound, inbound, sitesIn, unresolved, null);
  }

  /**
   * The links of one partition at the instant: today's, and the links that had changes after it
   * (by link key, which names a link that is zero today), without those back at zero.
   */
  public static List<LinkView> links(List<LinkView> today, Map<String, List<HistoryPart>> afterByKey) {
    Map<String, LinkView> byKey = new LinkedHashMap<>();
    today.forEach(l -> byKey.put(l.key(), new LinkView(l.scheme(), l.origin(), l.destination(), l.sector(),
        l.companies(), l.sites(), null)));
    afterByKey.forEach((key, after) -> {
      LinkKey link = LinkKey.parse(key).orElseThrow(() -> new IllegalStateException("bad link key in history: " + key));
      byKey.put(key, link(link.scheme(), link.origin(), link.destination(), link.sector().name(), byKey.get(key),
          after));
    });
    List<LinkView> links = new ArrayList<>();
    byKey.values().forEach(l -> {
      if (l.companies() != 0 || l.sites() != 0) {
        links.add(l);
      }
    });
    return links;
  }

  /** The region summaries of one partition at the instant, as {@link #links}. */
  public static List<RegionView> regions(List<RegionView> today, Map<String, List<HistoryPart>> afterByKey) {
    Map<String, RegionView> byKey = new LinkedHashMap<>();
    today.forEach(r -> byKey.put(r.scheme() + ":" + r.region() + ":" + r.sector(), new RegionView(r.scheme(),
        r.region(), r.sector(), r.registered(), r.outbound(), r.inbound(), r.sitesIn(), r.unresolvedSites(), null)));
    afterByKey.forEach((key, after) -> {
      RegionKey region = RegionKey.parse(key)
          .orElseThrow(() -> new IllegalStateException("bad region key in history: " + key));
      byKey.put(key, region(region.scheme(), region.region(), region.sector().name(), byKey.get(key), after));
    });
    List<RegionView> regions = new ArrayList<>();
    byKey.values().forEach(r -> {
      if (r.registered() != 0 || r.outbound() != 0 || r.inbound() != 0 || r.sitesIn() != 0
          || r.unresolvedSites() != 0) {
        regions.add(r);
      }
    });
    return regions;
  }
}
