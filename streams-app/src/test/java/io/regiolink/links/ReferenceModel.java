package io.regiolink.links;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventType;
import io.regiolink.avro.Site;
import io.regiolink.avro.TradingSites;
import io.regiolink.company.CompanyNumber;
import io.regiolink.csv.CsvTable;
import io.regiolink.geo.Geography;
import io.regiolink.geo.Postcode;
import io.regiolink.geo.RegionScheme;
import io.regiolink.sector.SectorClassifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The obviously correct model the topology is checked against: it keeps each company's latest
 * events by the design's rules and, when asked, recounts everything from scratch in one batch,
 * straight from the definitions of design section 4. It shares only the reference-data look-ups
 * (postcode -> region, division -> group) with the app, not the counting code.
 */
public final class ReferenceModel {
  private final Geography geography;
  private final Set<String> countedStatuses;
  private final Map<String, String> groupOfDivision = new HashMap<>();
  private final Map<String, CompanyProfileEvent> profiles = new HashMap<>();
  private final Map<String, TradingSites> sites = new HashMap<>();
  /** Every event accepted per company, in arrival order: the history rule picks from them. */
  private final Map<String, List<CompanyProfileEvent>> allProfiles = new HashMap<>();
  private final Map<String, List<TradingSites>> allSites = new HashMap<>();
  private final Instant now;

  public ReferenceModel(Geography geography, Set<String> countedStatuses, Instant now) {
    this.geography = geography;
    this.countedStatuses = countedStatuses;
    this.now = now;
    Map<String, String> tokens = Map.of("KIBS", "KIBS", "high-tech-KIS", "HIGH_TECH_KIS",
        "financial-KIS", "FINANCIAL_KIS", "market-KIS", "MARKET_KIS", "other-KIS", "OTHER_KIS",
        "HT-manufacturing", "HIGH_TECH_MANUFACTURING");
    CsvTable.resource(SectorClassifier.class, "knowledge-intensive-sic.csv")
        .forEach(row -> groupOfDivision.put(row.get("sic_division"), tokens.get(row.get("group"))));
  }

  public void profile(CompanyProfileEvent event) {
    var number = CompanyNumber.normalise(event.getCompanyNumber());
    if (number.isEmpty() || event.getEvent().getPublishedAt().isAfter(now.plusSeconds(24 * 3600))) {
      return;
    }
    allProfiles.computeIfAbsent(number.get(), k -> new ArrayList<>()).add(event);
    CompanyProfileEvent held = profiles.get(number.get());
    if (held == null
        || event.getEvent().getTimepoint() > held.getEvent().getTimepoint()
        || (event.getEvent().getTimepoint() == held.getEvent().getTimepoint()
            && event.getEvent().getPublishedAt().isAfter(held.getEvent().getPublishedAt()))) {
      profiles.put(number.get(), event);
    }
  }

  public void sites(TradingSites list) {
    var number = CompanyNumber.normalise(list.getCompanyNumber());
    if (number.isEmpty() || list.getAsOf().isAfter(now.plusSeconds(24 * 3600))) {
      return;
    }
    allSites.computeIfAbsent(number.get(), k -> new ArrayList<>()).add(list);
    TradingSites held = sites.get(number.get());
    if (held == null || list.getAsOf().isAfter(held.getAsOf())) {
      sites.put(number.get(), list);
    }
  }

  /** The latest profile held per normalised company number (for batch peers that recount from the final state). */
  public Map<String, CompanyProfileEvent> latestProfiles() {
    return java.util.Collections.unmodifiableMap(profiles);
  }

  /** The latest site list held per normalised company number. */
  public Map<String, TradingSites> latestSites() {
    return java.util.Collections.unmodifiableMap(sites);
  }

  public record Counts(Map<String, List<Long>> links, Map<String, List<Long>> regions) {
    /**
     * The links of one scheme and sector whose counts differ from {@code before} to these, largest
     * change in companies first, then in sites, then by origin and destination: each as
     * [origin, destination, companies before, sites before, companies after, sites after].
     */
    public List<List<Object>> changesSince(Counts before, String scheme, String sector) {
      Set<String> keys = new TreeSet<>();
      for (Counts counts : List.of(before, this)) {
        counts.links().keySet().stream().filter(k -> k.startsWith(scheme + ":") && k.endsWith(":" + sector))
            .forEach(keys::add);
      }
      List<List<Object>> changes = new ArrayList<>();
      for (String key : keys) {
        String[] parts = key.split(":");
        List<Long> was = before.links().getOrDefault(key, List.of(0L, 0L));
        List<Long> is = links.getOrDefault(key, List.of(0L, 0L));
        if (!was.equals(is)) {
          changes.add(List.of(parts[1], parts[2], was.get(0), was.get(1), is.get(0), is.get(1)));
        }
      }
      changes.sort(java.util.Comparator.comparingLong((List<Object> c) -> -Math.abs((long) c.get(4) - (long) c.get(2)))
          .thenComparingLong(c -> -Math.abs((long) c.get(5) - (long) c.get(3)))
          .thenComparing(c -> (String) c.get(0)).thenComparing(c -> (String) c.get(1)));
      return changes;
    }
  }

  /** Every non-zero link (companies, sites) and region summary (registered, outbound, inbound, sites_in, unresolved_sites). */
  public Counts recount() {
    return recount(profiles, sites);
  }

  /**
   * The counts as they stood at {@code at}, by the history rule written out plainly: for each
   * company, the profile with the newest (timepoint, published_at) of those published by then and
   * the site list with the newest as_of by then; before the first of either, the earliest one
   * from the company's date of creation (as the newest profile giving one says, London midnight);
   * on a tie, the one that arrived first.
   */
  public Counts recountAt(Instant at) {
    Map<String, CompanyProfileEvent> profilesThen = new HashMap<>();
    Map<String, TradingSites> sitesThen = new HashMap<>();
    Set<String> companies = new TreeSet<>(allProfiles.keySet());
    companies.addAll(allSites.keySet());
    for (String number : companies) {
      List<CompanyProfileEvent> ps = allProfiles.getOrDefault(number, List.of());
      List<TradingSites> ss = allSites.getOrDefault(number, List.of());
      CompanyProfileEvent creationGiver = null;
      for (CompanyProfileEvent p : ps) {
        if (p.getDateOfCreation() != null && (creationGiver == null || newer(p, creationGiver))) {
          creationGiver = p;
        }
      }
      boolean existed = creationGiver != null && !at.isBefore(
          creationGiver.getDateOfCreation().atStartOfDay(java.time.ZoneId.of("Europe/London")).toInstant());
      CompanyProfileEvent profile = null;
      CompanyProfileEvent earliestProfile = null;
      for (CompanyProfileEvent p : ps) {
        Instant published = p.getEvent().getPublishedAt();
        if (!published.isAfter(at) && (profile == null || newer(p, profile))) {
          profile = p;
        }
        if (earliestProfile == null || published.isBefore(earliestProfile.getEvent().getPublishedAt())
            || (published.equals(earliestProfile.getEvent().getPublishedAt())
                && p.getEvent().getTimepoint() < earliestProfile.getEvent().getTimepoint())) {
          earliestProfile = p;
        }
      }
      TradingSites list = null;
      TradingSites earliestList = null;
      for (TradingSites l : ss) {
        if (!l.getAsOf().isAfter(at) && (list == null || l.getAsOf().isAfter(list.getAsOf()))) {
          list = l;
        }
        if (earliestList == null || l.getAsOf().isBefore(earliestList.getAsOf())) {
          earliestList = l;
        }
      }
      if (profile == null && existed) {
        profile = earliestProfile;
      }
      if (list == null && existed) {
        list = earliestList;
      }
      if (profile != null) {
        profilesThen.put(number, profile);
      }
      if (list != null) {
        sitesThen.put(number, list);
      }
    }
    return recount(profilesThen, sitesThen);
  }

  private static boolean newer(CompanyProfileEvent a, CompanyProfileEvent b) {
    return a.getEvent().getTimepoint() > b.getEvent().getTimepoint()
        || (a.getEvent().getTimepoint() == b.getEvent().getTimepoint()
            && a.getEvent().getPublishedAt().isAfter(b.getEvent().getPublishedAt()));
  }

  private Counts recount(Map<String, CompanyProfileEvent> profiles, Map<String, TradingSites> sites) {
    Map<String, long[]> links = new TreeMap<>();
    Map<String, long[]> regions = new TreeMap<>();
    for (var entry : profiles.entrySet()) {
      CompanyProfileEvent p = entry.getValue();
      String status = p.getCompanyStatus() == null ? "" : p.getCompanyStatus().toLowerCase(java.util.Locale.ROOT);
      if (p.getEvent().getType() == EventType.deleted || !countedStatuses.contains(status)) {
        continue;
      }
      Set<String> groups = groups(p.getSicCodes());
      TradingSites list = sites.get(entry.getKey());
      String office = p.getRegisteredOfficeAddress() == null ? null : p.getRegisteredOfficeAddress().getPostalCode();
      for (RegionScheme scheme : geography.schemes()) {
        String origin = place(scheme, office);
        for (String g : groups) {
          regions.computeIfAbsent(scheme.name() + ":" + origin + ":" + g, k -> new long[5])[0]++;
        }
        if (list == null) {
          continue;
        }
        Map<String, Site> byId = new LinkedHashMap<>();
        for (Site site : list.getSites()) {
          byId.remove(site.getSiteId());
          byId.put(site.getSiteId(), site);
        }
        Map<String, Long> perDestination = new TreeMap<>();
        long unresolved = 0;
        for (Site site : byId.values()) {
          String destination = place(scheme, site.getPostalCode());
          if (destination.equals("UNRESOLVED")) {
            unresolved++;
          } else {
            perDestination.merge(destination, 1L, Long::sum);
          }
        }
        for (String g : groups) {
          regions.get(scheme.name() + ":" + origin + ":" + g)[4] += unresolved;
          for (var d : perDestination.entrySet()) {
            regions.computeIfAbsent(scheme.name() + ":" + d.getKey() + ":" + g, k -> new long[5])[3] += d.getValue();
          }
          if (origin.equals("UNRESOLVED")) {
            continue;
          }
          boolean elsewhere = false;
          for (var d : perDestination.entrySet()) {
            long[] link = links.computeIfAbsent(scheme.name() + ":" + origin + ":" + d.getKey() + ":" + g, k -> new long[2]);
            link[0]++;
            link[1] += d.getValue();
            if (!d.getKey().equals(origin)) {
              elsewhere = true;
              regions.get(scheme.name() + ":" + d.getKey() + ":" + g)[2]++;
            }
          }
          if (elsewhere) {
            regions.get(scheme.name() + ":" + origin + ":" + g)[1]++;
          }
        }
      }
    }
    Map<String, List<Long>> linkCounts = new TreeMap<>();
    links.forEach((k, v) -> linkCounts.put(k, List.of(v[0], v[1])));
    Map<String, List<Long>> regionCounts = new TreeMap<>();
    regions.forEach((k, v) -> regionCounts.put(k, List.of(v[0], v[1], v[2], v[3], v[4])));
    return new Counts(linkCounts, regionCounts);
  }

  /**
   * The coverage measures of design section 7 (the keys of {@link io.regiolink.footprint.Coverage}),
   * recounted from the latest state of every company: rejected records are not the model's to know.
   */
  public Map<String, Long> coverage() {
    RegionScheme lad = geography.scheme(Geography.LAD).orElseThrow();
    Map<String, Long> measures = new TreeMap<>();
    Set<String> companies = new TreeSet<>(profiles.keySet());
    companies.addAll(sites.keySet());
    for (String number : companies) {
      CompanyProfileEvent p = profiles.get(number);
      String status = p == null || p.getCompanyStatus() == null ? "" : p.getCompanyStatus().toLowerCase(java.util.Locale.ROOT);
      if (p == null) {
        measures.merge("companies.not-counted.no-profile", 1L, Long::sum);
        continue;
      }
      if (p.getEvent().getType() == EventType.deleted) {
        measures.merge("companies.not-counted.deleted", 1L, Long::sum);
        continue;
      }
      if (!countedStatuses.contains(status)) {
        measures.merge("companies.not-counted." + (status.isBlank() ? "unknown" : status), 1L, Long::sum);
        continue;
      }
      measures.merge("companies.counted", 1L, Long::sum);
      String office = p.getRegisteredOfficeAddress() == null ? null : p.getRegisteredOfficeAddress().getPostalCode();
      long repaired = repaired(office);
      if (office == null || office.isBlank()) {
        measures.merge("offices.blank", 1L, Long::sum);
      } else {
        measures.merge(place(lad, office).equals("UNRESOLVED") ? "offices.unresolved" : "offices.placed", 1L, Long::sum);
      }
      TradingSites list = sites.get(number);
      if (list != null) {
        Map<String, Site> byId = new LinkedHashMap<>();
        for (Site site : list.getSites()) {
          byId.remove(site.getSiteId());
          byId.put(site.getSiteId(), site);
        }
        for (Site site : byId.values()) {
          measures.merge(place(lad, site.getPostalCode()).equals("UNRESOLVED") ? "sites.unresolved" : "sites.placed",
              1L, Long::sum);
          repaired += repaired(site.getPostalCode());
        }
      }
      if (repaired > 0) {
        measures.merge("postcodes.repaired", repaired, Long::sum);
      }
    }
    return measures;
  }

  private static long repaired(String postcode) {
    return Postcode.parse(postcode).filter(Postcode::repaired).isPresent() ? 1 : 0;
  }

  private String place(RegionScheme scheme, String postcode) {
    return Postcode.parse(postcode).flatMap(scheme::resolve).orElse("UNRESOLVED");
  }

  private Set<String> groups(List<String> sicCodes) {
    Set<String> groups = new TreeSet<>();
    for (String code : sicCodes) {
      if (code.length() >= 2 && !code.equals("74990") && !code.equals("99999")) {
        String group = groupOfDivision.get(code.substring(0, 2));
        if (group != null) {
          groups.add(group);
        }
      }
    }
    groups.add(groups.isEmpty() ? "OTHER" : "KI");
    groups.add("ALL");
    return groups;
  }
}
