package io.regiolink.alerts;

import io.regiolink.sector.SectorGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the alerts watch and when they fire (design section 8), from the {@code alerts.*} keys.
 *
 * @param start no alert for a window ending before this event time
 */
public record AlertSettings(AlertWindows windows, AlertThresholds thresholds, Set<String> schemes,
    Set<SectorGroup> sectors, Optional<Instant> start) {

  /** The keys, their defaults and meaning; the README's alert section lists the same. */
  public static final Map<String, String> DEFAULTS = Map.of(
      "window", "P7D",
      "grace", "PT24H",
      "schemes", "itl1,lad",
      "sectors", "ALL,KI",
      "emerged.min", "3",
      "lost.min", "3",
      "shift.percent", "25",
      "shift.min", "5",
      "hub.top", "10");

  public static final AlertSettings DEFAULT = new AlertSettings(
      new AlertWindows(Duration.ofDays(7), Duration.ofHours(24)), AlertThresholds.DEFAULTS,
      Set.of("itl1", "lad"), Set.of(SectorGroup.ALL, SectorGroup.KI), Optional.empty());

  public boolean watches(String scheme, String sector) {
    return schemes.contains(scheme) && SectorGroup.parse(sector).map(sectors::contains).orElse(false);
  }
}
