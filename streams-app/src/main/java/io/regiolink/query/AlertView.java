package io.regiolink.query;

import io.regiolink.avro.LinkShiftAlert;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** An alert as the API shows it: the {@code LinkShiftAlert} fields in camelCase. */
public record AlertView(String kind, String scheme, String sector, String origin, String destination, String region,
    long valueBefore, long valueAfter, Integer rankBefore, Integer rankAfter, Instant windowStart, Instant windowEnd,
    String rule, Map<String, Double> thresholds, Instant detectedAt) {

  public static AlertView of(LinkShiftAlert a) {
    Map<String, Double> thresholds = new TreeMap<>();
    a.getThresholds().forEach((k, v) -> thresholds.put(k.toString(), v));
    return new AlertView(a.getKind().name(), a.getScheme(), a.getSector(), a.getOrigin(), a.getDestination(),
        a.getRegion(), a.getValueBefore(), a.getValueAfter(), a.getRankBefore(), a.getRankAfter(), a.getWindowStart(),
        a.getWindowEnd(), a.getRule(), thresholds, a.getDetectedAt());
  }
}
