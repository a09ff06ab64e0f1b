package io.regiolink.geo;

import io.regiolink.csv.CsvTable;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The bundled reference data (see README, data attribution): postcode district -> local
 * authority, former -> current local authority codes, local authority -> ITL1, postcode area ->
 * ITL1 (the fallback), and the names and centroids of local authorities and ITL1 regions.
 */
public final class GeoReference {
  private final Map<String, String> districtToLad;
  private final Map<String, String> currentLad;
  private final Map<String, String> ladToItl1;
  private final Map<String, String> areaToItl1;
  private final Map<String, Region> lads;
  private final Map<String, Region> itl1Regions;
  private final Map<String, Integer> ladWeights;

  private GeoReference(Map<String, String> districtToLad, Map<String, String> currentLad,
      Map<String, String> ladToItl1, Map<String, String> areaToItl1, Map<String, Region> lads,
      Map<String, Region> itl1Regions, Map<String, Integer> ladWeights) {
    this.districtToLad = districtToLad;
    this.currentLad = currentLad;
    this.ladToItl1 = ladToItl1;
    this.areaToItl1 = areaToItl1;
    this.lads = lads;
    this.itl1Regions = itl1Regions;
    this.ladWeights = ladWeights;
  }

  /** Loads the bundled CSVs from the classpath; done once at start-up. */
  public static GeoReference load() {
    Map<String, String> currentLad = new HashMap<>();
    Map<String, String> ladToItl1 = new HashMap<>();
    Map<String, Region> lads = new TreeMap<>();
    Map<String, Integer> weights = new HashMap<>();
    CsvTable.resource(GeoReference.class, "uk-lad-region.csv").forEach(row -> {
      String code = row.get("lad_code");
      String active = row.get("lad_code_active");
      currentLad.put(code, active.isEmpty() ? code : active);
      ladToItl1.put(code, row.get("itl1_code"));
      if ("TRUE".equalsIgnoreCase(row.get("current"))) {
        lads.put(code, new Region(code, row.get("lad_name"), number(row.get("lat")), number(row.get("lon"))));
        weights.put(code, (int) number(row.get("centroid_postcodes")));
      }
    });
    Map<String, String> districtToLad = new HashMap<>();
    CsvTable.resource(GeoReference.class, "uk-postcode-district-lad.csv")
        .forEach(row -> districtToLad.put(row.get("postcode_district"), row.get("lad_code")));
    Map<String, String> areaToItl1 = new HashMap<>();
    CsvTable.resource(GeoReference.class, "uk-postcode-area-region.csv")
        .forEach(row -> areaToItl1.put(row.get("postcode_area"), row.get("itl1_code")));
    Map<String, Region> itl1 = new TreeMap<>();
    CsvTable.resource(GeoReference.class, "uk-itl1-regions.csv").forEach(row -> itl1.put(row.get("itl1_code"),
        new Region(row.get("itl1_code"), row.get("region_name"), number(row.get("lat")), number(row.get("lon")))));
    return new GeoReference(Map.copyOf(districtToLad), Map.copyOf(currentLad), Map.copyOf(ladToItl1),
        Map.copyOf(areaToItl1), Collections.unmodifiableMap(lads), Collections.unmodifiableMap(itl1), Map.copyOf(weights));
  }

  /** The current local authority of a postcode district; empty for districts not in the data. */
  public Optional<String> ladOfDistrict(String district) {
    return Optional.ofNullable(districtToLad.get(district)).map(this::currentLad);
  }

  /** A current code for any LAD code that has existed since 2011. */
  public String currentLad(String ladCode) {
    return currentLad.getOrDefault(ladCode, ladCode);
  }

  public Optional<String> itl1OfLad(String ladCode) {
    return Optional.ofNullable(ladToItl1.get(currentLad(ladCode)));
  }

  public Optional<String> itl1OfArea(String area) {
    return Optional.ofNullable(areaToItl1.get(area));
  }

  public Map<String, Region> lads() {
    return lads;
  }

  public Map<String, Region> itl1Regions() {
    return itl1Regions;
  }

  /** Postcodes behind a LAD's centroid, to weight the centroid of a region made of LADs. */
  public int ladWeight(String ladCode) {
    return ladWeights.getOrDefault(ladCode, 1);
  }

  private static double number(String text) {
    return text.isEmpty() ? Double.NaN : Double.parseDouble(text);
  }
}
