package io.regiolink.geo;

import io.regiolink.csv.CsvTable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every region scheme regiolink counts in: {@code lad}, {@code itl1}, then the configured custom
 * schemes. Built once at start-up; resolution is plain map look-ups.
 */
public final class Geography {
  public static final String LAD = "lad";
  public static final String ITL1 = "itl1";

  private final Map<String, RegionScheme> schemes;
  private final List<RegionScheme> schemeList;

  private Geography(Map<String, RegionScheme> schemes) {
    this.schemes = Collections.unmodifiableMap(schemes);
    this.schemeList = List.copyOf(schemes.values());
  }

  public static Geography load(List<CustomScheme> custom) {
    return build(GeoReference.load(), custom);
  }

  static Geography build(GeoReference ref, List<CustomScheme> custom) {
    Map<String, RegionScheme> schemes = new LinkedHashMap<>();
    schemes.put(LAD, new TableScheme(LAD, ref.lads(), p -> ref.ladOfDistrict(p.outward())));
    // ITL1 goes through the LAD, so a district always falls in its LAD's region; districts missing
    // from the data (terminated or non-geographic) fall back to their postcode area's region.
    schemes.put(ITL1, new TableScheme(ITL1, ref.itl1Regions(), p -> ref.ladOfDistrict(p.outward())
        .flatMap(ref::itl1OfLad).or(() -> ref.itl1OfArea(p.area()))));
    for (CustomScheme scheme : custom) {
      schemes.put(scheme.name(), customScheme(ref, scheme));
    }
    return new Geography(schemes);
  }

  /** In order: lad, itl1, then custom schemes. The same list every call, as counting asks per site. */
  public List<RegionScheme> schemes() {
    return schemeList;
  }

  public List<String> schemeNames() {
    return new ArrayList<>(schemes.keySet());
  }

  public Optional<RegionScheme> scheme(String name) {
    return Optional.ofNullable(schemes.get(name));
  }

  /** The region of a postcode in every scheme; a scheme that cannot place it is absent. */
  public Map<String, String> resolve(Postcode postcode) {
    Map<String, String> regions = new LinkedHashMap<>();
    for (RegionScheme scheme : schemeList) {
      scheme.resolve(postcode).ifPresent(code -> regions.put(scheme.name(), code));
    }
    return regions;
  }

  private static RegionScheme customScheme(GeoReference ref, CustomScheme scheme) {
    if (!Files.isRegularFile(scheme.file())) {
      throw new IllegalArgumentException("Custom scheme '" + scheme.name() + "': file " + scheme.file().toAbsolutePath()
          + " does not exist (schemes.custom). It must be a CSV with columns lad_code,region_code,region_name.");
    }
    CsvTable table = CsvTable.file(scheme.file());
    Map<String, String> ladToRegion = new HashMap<>();
    Map<String, String> names = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    table.forEach(row -> {
      String lad = ref.currentLad(row.get("lad_code"));
      String code = row.get("region_code");
      if (lad.isEmpty() || code.isEmpty()) {
        problems.add(table.source() + ":" + row.line() + ": lad_code and region_code must not be empty");
        return;
      }
      if (!code.matches("[A-Za-z0-9_.-]{1,64}")) {
        problems.add(table.source() + ":" + row.line() + ": region_code '" + code
            + "' may hold only letters, digits, '.', '_' and '-' (it becomes part of keys and URLs)");
        return;
      }
      if (!ref.lads().containsKey(lad)) {
        problems.add(table.source() + ":" + row.line() + ": unknown local authority code " + row.get("lad_code"));
        return;
      }
      String previous = ladToRegion.put(lad, code);
      if (previous != null && !previous.equals(code)) {
        problems.add(table.source() + ":" + row.line() + ": " + lad + " is in both " + previous + " and " + code);
      }
      names.putIfAbsent(code, row.get("region_name").isEmpty() ? code : row.get("region_name"));
    });
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Custom scheme '" + scheme.name() + "' has " + problems.size()
          + " bad row(s); fix them and restart:\n" + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
    }
    Map<String, Region> regions = new TreeMap<>();
    names.forEach((code, name) -> regions.put(code, centroid(ref, code, name, ladToRegion)));
    return new TableScheme(scheme.name(), Collections.unmodifiableMap(regions),
        p -> ref.ladOfDistrict(p.outward()).map(ladToRegion::get));
  }

  /** A custom region's point: its LADs' centroids weighted by their postcodes. */
  private static Region centroid(GeoReference ref, String code, String name, Map<String, String> ladToRegion) {
    double lat = 0;
    double lon = 0;
    double weight = 0;
    for (var entry : ladToRegion.entrySet()) {
      Region lad = ref.lads().get(entry.getKey());
      if (entry.getValue().equals(code) && lad != null && !Double.isNaN(lad.lat())) {
        int w = ref.ladWeight(lad.code());
        lat += lad.lat() * w;
        lon += lad.lon() * w;
        weight += w;
      }
    }
    return new Region(code, name, weight == 0 ? Double.NaN : lat / weight, weight == 0 ? Double.NaN : lon / weight);
  }
}
