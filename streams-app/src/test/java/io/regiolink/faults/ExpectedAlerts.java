package io.regiolink.faults;

import io.regiolink.alerts.AlertSettings;
import io.regiolink.alerts.AlertThresholds;
import io.regiolink.alerts.HubRanking;
import io.regiolink.alerts.LinkShift;
import io.regiolink.avro.LinkShiftAlert;
import io.regiolink.links.ReferenceModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The alerts a fault-free run of a {@link ChangeScript} must raise, from the reference model's
 * counts at each window's end and the pure alert rules ({@link LinkShift}, {@link HubRanking}),
 * with the default alert settings: for each window after the first (the first has nothing before
 * it to compare with), each watched link whose companies moved past a threshold, and each region
 * that entered or left the top of its ranking by inbound companies.
 */
final class ExpectedAlerts {
  private ExpectedAlerts() {}

  static List<String> of(ChangeScript script) {
    AlertSettings settings = AlertSettings.DEFAULT;
    AlertThresholds t = settings.thresholds();
    List<String> alerts = new ArrayList<>();
    List<ChangeScript.Phase> phases = script.phases();
    for (int window = 2; window <= ChangeScript.ALERTED_PHASES; window++) {
      ReferenceModel.Counts before = phases.get(window - 2).after();
      ReferenceModel.Counts after = phases.get(window - 1).after();
      Instant end = script.windowEnd(window);
      Set<String> links = new TreeSet<>(before.links().keySet());
      links.addAll(after.links().keySet());
      for (String link : links) {
        String[] p = link.split(":");
        if (!settings.watches(p[0], p[3])) {
          continue;
        }
        long b = companies(before.links().get(link));
        long a = companies(after.links().get(link));
        LinkShift.evaluate(b, a, t).ifPresent(kind ->
            alerts.add(describe(kind.name(), p[0], p[3], p[1] + ">" + p[2], end, b, a)));
      }
      for (String scheme : settings.schemes()) {
        for (var sector : settings.sectors()) {
          Map<String, Long> inboundBefore = inbound(before, scheme, sector.name());
          Map<String, Long> inboundAfter = inbound(after, scheme, sector.name());
          for (HubRanking.Move move : HubRanking.moves(inboundBefore, inboundAfter, t.hubTop())) {
            alerts.add(describe("HUB_RANK", scheme, sector.name(), move.region(), end, move.inboundBefore(),
                move.inboundAfter()));
          }
        }
      }
    }
    alerts.sort(null);
    return alerts;
  }

  /** An alert from the topic in the same words, to compare as text. */
  static String describe(LinkShiftAlert alert) {
    String where = alert.getRegion() != null ? alert.getRegion() : alert.getOrigin() + ">" + alert.getDestination();
    return describe(alert.getKind().name(), alert.getScheme(), alert.getSector(), where, alert.getWindowEnd(),
        alert.getValueBefore(), alert.getValueAfter());
  }

  private static String describe(String kind, String scheme, String sector, String where, Instant windowEnd,
      long before, long after) {
    return kind + " " + scheme + ":" + sector + " " + where + " window ending " + windowEnd + ": " + before + " -> "
        + after;
  }

  private static long companies(List<Long> counts) {
    return counts == null ? 0 : counts.get(0);
  }

  /** Inbound companies per region of one ranking; the model's region key is scheme:region:sector. */
  private static Map<String, Long> inbound(ReferenceModel.Counts counts, String scheme, String sector) {
    Map<String, Long> inbound = new TreeMap<>();
    counts.regions().forEach((key, measures) -> {
      String[] p = key.split(":");
      if (p[0].equals(scheme) && p[2].equals(sector)) {
        inbound.put(p[1], measures.get(2));
      }
    });
    return inbound;
  }
}
