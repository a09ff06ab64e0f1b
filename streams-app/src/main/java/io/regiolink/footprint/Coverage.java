package io.regiolink.footprint;

import io.regiolink.avro.Address;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventType;
import io.regiolink.avro.internal.CompanyState;
import io.regiolink.geo.Geography;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * How much of the input the counts rest on (design section 7, {@code GET /coverage}), as named
 * measures that add up: a company adds one to {@code companies.counted} or to
 * {@code companies.not-counted.<status>}; a counted one adds its registered office to placed,
 * unresolved (a postcode no local authority holds) or blank (none given), its sites to placed or
 * unresolved, and the postcodes that needed a typo repair. "Placed" means placed in a local
 * authority, and so in every scheme. Rejected records add one to {@code rejected.<reason>}.
 *
 * <p>Each company's tally changes by exactly the difference of its old and new tallies, like its
 * link contributions, so per-partition sums kept in a store and added up over every partition
 * are the coverage of the whole register.
 */
public record Coverage(Map<String, Long> measures) {
  public static final String COUNTED = "companies.counted";
  public static final String NOT_COUNTED = "companies.not-counted.";
  public static final String OFFICES_PLACED = "offices.placed";
  public static final String OFFICES_UNRESOLVED = "offices.unresolved";
  public static final String OFFICES_BLANK = "offices.blank";
  public static final String SITES_PLACED = "sites.placed";
  public static final String SITES_UNRESOLVED = "sites.unresolved";
  public static final String POSTCODES_REPAIRED = "postcodes.repaired";
  public static final String REJECTED = "rejected.";
  public static final Coverage NONE = new Coverage(Map.of());

  public Coverage {
    measures = Map.copyOf(measures);
  }

  /** A company's coverage from its state and the footprint the counting rules made of it; NONE for no state. */
  public static Coverage of(CompanyState state, Footprint footprint) {
    if (state == null) {
      return NONE;
    }
    Map<String, Long> m = new HashMap<>();
    if (!footprint.counted()) {
      m.put(NOT_COUNTED + statusOf(state.getProfile()), 1L);
      return new Coverage(m);
    }
    m.put(COUNTED, 1L);
    Address office = state.getProfile().getRegisteredOfficeAddress();
    String given = office == null ? null : office.getPostalCode();
    if (given == null || given.isBlank()) {
      m.put(OFFICES_BLANK, 1L);
    } else if (RegionKey.UNRESOLVED.equals(footprint.registeredRegion().get(Geography.LAD))) {
      m.put(OFFICES_UNRESOLVED, 1L);
    } else {
      m.put(OFFICES_PLACED, 1L);
    }
    long placed = footprint.sitesByRegion().getOrDefault(Geography.LAD, Map.of()).values().stream()
        .mapToLong(Integer::longValue).sum();
    long unresolved = footprint.unresolvedSites().getOrDefault(Geography.LAD, 0);
    putNonZero(m, SITES_PLACED, placed);
    putNonZero(m, SITES_UNRESOLVED, unresolved);
    putNonZero(m, POSTCODES_REPAIRED, footprint.repairedPostcodes());
    return new Coverage(m);
  }

  /** One rejected record. */
  public static Coverage rejected(String reasonCode) {
    return new Coverage(Map.of(REJECTED + reasonCode, 1L));
  }

  /** This tally less another: what changes when a company goes from {@code before} to this. */
  public Coverage minus(Coverage before) {
    Map<String, Long> m = new HashMap<>(measures);
    before.measures.forEach((k, v) -> m.merge(k, -v, Long::sum));
    m.values().removeIf(v -> v == 0);
    return new Coverage(m);
  }

  public void forEach(BiConsumer<String, Long> action) {
    measures.forEach(action);
  }

  private static String statusOf(CompanyProfileEvent profile) {
    if (profile == null) {
      return "no-profile";
    }
    if (profile.getEvent().getType() == EventType.deleted) {
      return "deleted";
    }
    String status = profile.getCompanyStatus();
    return status == null || status.isBlank() ? "unknown" : status.toLowerCase(Locale.ROOT);
  }

  private static void putNonZero(Map<String, Long> m, String measure, long value) {
    if (value != 0) {
      m.put(measure, value);
    }
  }
}
