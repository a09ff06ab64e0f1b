package io.regiolink.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.regiolink.avro.Address;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.Site;
import io.regiolink.avro.internal.CompanyState;
import io.regiolink.footprint.Footprint;
import io.regiolink.footprint.FootprintRules;
import io.regiolink.geo.Postcode;
import io.regiolink.geo.RegionScheme;
import io.regiolink.footprint.RegionKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One company as regiolink sees it: whether it is counted (and why not), its sectors, and where
 * its registered office and each site fall in every scheme. Built by the same rules that count,
 * so what the page shows is what the counts hold.
 */
public record CompanyView(String companyNumber, String name, String status, boolean counted, String reason,
    List<String> sectors, Place registeredOffice, List<SitePlace> sites, List<String> unresolved) {

  /**
   * A postcode as given, its region in each scheme ({@code UNRESOLVED} where it cannot be placed),
   * and, only when a typo was repaired to place it, the postcode used ({@code CRO 1JB} -> {@code CR0 1JB}).
   */
  public record Place(String postalCode, @JsonInclude(JsonInclude.Include.NON_NULL) String repairedTo,
      Map<String, String> regions) {}

  public record SitePlace(String siteId, String postalCode,
      @JsonInclude(JsonInclude.Include.NON_NULL) String repairedTo, Map<String, String> regions) {}

  public static CompanyView of(CompanyState state, FootprintRules rules) {
    Footprint footprint = rules.footprint(state);
    CompanyProfileEvent profile = state.getProfile();
    Address office = profile == null ? null : profile.getRegisteredOfficeAddress();
    String officePostcode = office == null ? null : office.getPostalCode();
    Optional<Postcode> officeParsed = Postcode.parse(officePostcode);
    Set<String> unresolved = new LinkedHashSet<>();
    List<SitePlace> sites = new ArrayList<>();
    if (state.getSites() != null) {
      for (Site site : state.getSites().getSites()) {
        Optional<Postcode> postcode = Postcode.parse(site.getPostalCode());
        Map<String, String> regions = place(postcode, rules);
        if (regions.containsValue(RegionKey.UNRESOLVED)) {
          unresolved.add(site.getPostalCode());
        }
        sites.add(new SitePlace(site.getSiteId(), site.getPostalCode(), repairedTo(postcode), regions));
      }
    }
    return new CompanyView(state.getCompanyNumber(),
        profile == null ? null : profile.getCompanyName(),
        profile == null ? null : profile.getCompanyStatus(),
        footprint.counted(),
        footprint.counted() ? null : footprint.notCountedReason(),
        footprint.sectors().stream().map(Enum::name).sorted().toList(),
        new Place(officePostcode, repairedTo(officeParsed), place(officeParsed, rules)),
        sites,
        List.copyOf(unresolved));
  }

  private static String repairedTo(Optional<Postcode> postcode) {
    return postcode.filter(Postcode::repaired).map(Postcode::display).orElse(null);
  }

  private static Map<String, String> place(Optional<Postcode> postcode, FootprintRules rules) {
    Map<String, String> regions = new LinkedHashMap<>();
    for (RegionScheme scheme : rules.geography().schemes()) {
      regions.put(scheme.name(), postcode.flatMap(scheme::resolve).orElse(RegionKey.UNRESOLVED));
    }
    return regions;
  }
}
