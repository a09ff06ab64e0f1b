package io.regiolink.sample;

import io.regiolink.csv.CsvTable;
import io.regiolink.geo.GeoReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Real postcode districts to place synthetic firms on, weighted by how many postcodes each has
 * (a proxy for how much is there), with the hubs of the Connected Clusters study weighted up.
 */
final class SampleGeography {
  /** Westminster, City of London, Camden, Manchester, Leeds, Bristol. */
  static final Set<String> HUB_LADS = Set.of("E09000033", "E09000001", "E09000007", "E08000003", "E08000035", "E06000023");

  private final List<String> districts = new ArrayList<>();
  private final List<String> hubDistricts = new ArrayList<>();
  private final double[] cumulative;
  private final Map<String, List<String>> districtsByRegion = new HashMap<>();
  private final Map<String, String> regionOfDistrict = new HashMap<>();
  private final Map<String, String> ladOfDistrict = new HashMap<>();

  SampleGeography() {
    List<Double> weights = new ArrayList<>();
    CsvTable.resource(GeoReference.class, "uk-postcode-district-lad.csv").forEach(row -> {
      String district = row.get("postcode_district");
      String lad = row.get("lad_code");
      districts.add(district);
      weights.add(Double.parseDouble(row.get("postcodes")));
      if (HUB_LADS.contains(lad)) {
        hubDistricts.add(district);
      }
      ladOfDistrict.put(district, lad);
      String region = row.get("itl1_code");
      regionOfDistrict.put(district, region);
      districtsByRegion.computeIfAbsent(region, r -> new ArrayList<>()).add(district);
    });
    cumulative = new double[weights.size()];
    double total = 0;
    for (int i = 0; i < weights.size(); i++) {
      total += weights.get(i);
      cumulative[i] = total;
    }
  }

  /** A district weighted by its postcodes. */
  String anyDistrict(Random random) {
    double point = random.nextDouble() * cumulative[cumulative.length - 1];
    int index = Arrays.binarySearch(cumulative, point);
    return districts.get(index >= 0 ? index : -index - 1);
  }

  String hubDistrict(Random random) {
    return hubDistricts.get(random.nextInt(hubDistricts.size()));
  }

  /** Another district in the same ITL1 region: a firm's second site is often near its first. */
  String nearby(String district, Random random) {
    List<String> same = districtsByRegion.get(regionOfDistrict.get(district));
    return same.get(random.nextInt(same.size()));
  }

  String ladOf(String district) {
    return ladOfDistrict.get(district);
  }

  String regionOf(String district) {
    return regionOfDistrict.get(district);
  }

  /** A full postcode in the district; the inward code is made up (the sample is synthetic). */
  static String postcode(String district, Random random) {
    return district + " " + (1 + random.nextInt(9)) + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
  }
}
