package io.regiolink.query;

import io.regiolink.footprint.Coverage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /coverage}: how much of the input the counts rest on, added up over every partition.
 * Offices and sites are those of counted companies; "placed" means placed in a local authority
 * (and so in every scheme), "unresolved" a postcode no local authority holds, "blank" none given.
 */
public record CoverageView(Companies companies, Offices registeredOffices, Sites sites, long postcodesRepaired,
    Map<String, Long> rejected, boolean partial) {

  public record Companies(long counted, long notCounted, Map<String, Long> notCountedByStatus) {}

  public record Offices(long placed, long unresolved, long blank) {}

  public record Sites(long placed, long unresolved) {}

  /** One measure of one partition, as stored (and as instances send it to each other). */
  public record Entry(String measure, long count) {}

  public static CoverageView of(List<Entry> entries, boolean partial) {
    Map<String, Long> total = new TreeMap<>();
    entries.forEach(e -> total.merge(e.measure(), e.count(), Long::sum));
    Map<String, Long> notCounted = prefixed(total, Coverage.NOT_COUNTED);
    return new CoverageView(
        new Companies(get(total, Coverage.COUNTED), notCounted.values().stream().mapToLong(Long::longValue).sum(),
            notCounted),
        new Offices(get(total, Coverage.OFFICES_PLACED), get(total, Coverage.OFFICES_UNRESOLVED),
            get(total, Coverage.OFFICES_BLANK)),
        new Sites(get(total, Coverage.SITES_PLACED), get(total, Coverage.SITES_UNRESOLVED)),
        get(total, Coverage.POSTCODES_REPAIRED),
        prefixed(total, Coverage.REJECTED),
        partial);
  }

  private static long get(Map<String, Long> total, String measure) {
    return total.getOrDefault(measure, 0L);
  }

  private static Map<String, Long> prefixed(Map<String, Long> total, String prefix) {
    Map<String, Long> out = new TreeMap<>();
    total.forEach((k, v) -> {
      if (k.startsWith(prefix) && v != 0) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }
}
