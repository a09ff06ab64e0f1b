package io.regiolink.footprint;

import io.regiolink.avro.Address;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventType;
import io.regiolink.avro.Site;
import io.regiolink.avro.internal.CompanyState;
import io.regiolink.geo.Geography;
import io.regiolink.geo.Postcode;
import io.regiolink.geo.RegionScheme;
import io.regiolink.sector.SectorClassifier;
import io.regiolink.sector.SectorGroup;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The counting rules of the design (sections 3 to 5) as plain functions: a company's state ->
 * its footprint -> its contributions to the link counts and region summaries.
 */
public final class FootprintRules {
  private final Geography geography;
  private final SectorClassifier sectors;
  private final Set<String> countedStatuses;

  public FootprintRules(Geography geography, SectorClassifier sectors, Set<String> countedStatuses) {
    this.geography = geography;
    this.sectors = sectors;
    this.countedStatuses = Set.copyOf(countedStatuses);
  }

  public Geography geography() {
    return geography;
  }

  public Footprint footprint(CompanyState state) {
    String number = state.getCompanyNumber();
    CompanyProfileEvent profile = state.getProfile();
    if (profile == null) {
      return Footprint.notCounted(number, "no company profile received yet");
    }
    if (profile.getEvent().getType() == EventType.deleted) {
      return Footprint.notCounted(number, "deleted from the register");
    }
    String status = profile.getCompanyStatus() == null ? "" : profile.getCompanyStatus().toLowerCase(Locale.ROOT);
    if (!countedStatuses.contains(status)) {
      return Footprint.notCounted(number, "status '" + status + "' is not counted (counted.statuses="
          + String.join(",", countedStatuses) + ")");
    }
    Set<SectorGroup> groups = sectors.groups(profile.getSicCodes());
    Address office = profile.getRegisteredOfficeAddress();
    Optional<Postcode> officePostcode = Postcode.parse(office == null ? null : office.getPostalCode());
    int repaired = officePostcode.filter(Postcode::repaired).isPresent() ? 1 : 0;
    Map<String, String> registered = new LinkedHashMap<>();
    for (RegionScheme scheme : geography.schemes()) {
      registered.put(scheme.name(), officePostcode.flatMap(scheme::resolve).orElse(RegionKey.UNRESOLVED));
    }
    boolean hasSiteList = state.getSites() != null;
    Map<String, Map<String, Integer>> sitesByRegion = new LinkedHashMap<>();
    Map<String, Integer> unresolved = new LinkedHashMap<>();
    for (RegionScheme scheme : geography.schemes()) {
      sitesByRegion.put(scheme.name(), new TreeMap<>());
      unresolved.put(scheme.name(), 0);
    }
    if (hasSiteList) {
      for (Site site : distinctSites(state.getSites().getSites())) {
        Optional<Postcode> postcode = Postcode.parse(site.getPostalCode());
        repaired += postcode.filter(Postcode::repaired).isPresent() ? 1 : 0;
        for (RegionScheme scheme : geography.schemes()) {
          Optional<String> region = postcode.flatMap(scheme::resolve);
          if (region.isPresent()) {
            sitesByRegion.get(scheme.name()).merge(region.get(), 1, Integer::sum);
          } else {
            unresolved.merge(scheme.name(), 1, Integer::sum);
          }
        }
      }
    }
    return new Footprint(number, true, "", groups, hasSiteList, registered, sitesByRegion, unresolved, repaired);
  }

  /** A repeated site id in one list: the later entry wins. */
  static List<Site> distinctSites(List<Site> sites) {
    Map<String, Site> byId = new LinkedHashMap<>();
    for (Site site : sites) {
      byId.remove(site.getSiteId());
      byId.put(site.getSiteId(), site);
    }
    return List.copyOf(byId.values());
  }

  public Contributions contributions(CompanyState state) {
    return state == null ? Contributions.NONE : contributions(footprint(state));
  }

  public Contributions contributions(Footprint f) {
    if (!f.counted()) {
      return Contributions.NONE;
    }
    Map<LinkKey, LinkTally> links = new HashMap<>();
    Map<RegionKey, RegionTally> regions = new HashMap<>();
    for (String scheme : f.registeredRegion().keySet()) {
      String origin = f.registeredRegion().get(scheme);
      Map<String, Integer> sites = f.sitesByRegion().get(scheme);
      int unresolvedSites = f.unresolvedSites().get(scheme);
      boolean placed = !RegionKey.UNRESOLVED.equals(origin);
      boolean tradesElsewhere = placed && sites.keySet().stream().anyMatch(d -> !d.equals(origin));
      for (SectorGroup g : f.sectors()) {
        add(regions, new RegionKey(scheme, origin, g),
            new RegionTally(1, tradesElsewhere ? 1 : 0, 0, 0, unresolvedSites));
        for (var site : sites.entrySet()) {
          String destination = site.getKey();
          int count = site.getValue();
          add(regions, new RegionKey(scheme, destination, g),
              new RegionTally(0, 0, placed && !destination.equals(origin) ? 1 : 0, count, 0));
          if (placed) {
            links.merge(new LinkKey(scheme, origin, destination, g), new LinkTally(1, count), LinkTally::plus);
          }
        }
      }
    }
    return new Contributions(links, regions);
  }

  private static void add(Map<RegionKey, RegionTally> regions, RegionKey key, RegionTally tally) {
    regions.merge(key, tally, RegionTally::plus);
  }
}
