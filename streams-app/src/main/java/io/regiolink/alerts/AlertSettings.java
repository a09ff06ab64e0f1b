package io.regiolink.alerts;

import io.regiolink.config.Setting;
import io.regiolink.config.Settings;
import io.regiolink.sector.SectorGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the alerts watch and when they fire (design section 8), from the {@code alerts.*} keys,
 * which are declared here and nowhere else.
 *
 * @param start no alert for a window ending before this event time
 */
public record AlertSettings(AlertWindows windows, AlertThresholds thresholds, Set<String> schemes,
    Set<SectorGroup> sectors, Optional<Instant> start) {

  public static final Setting<Duration> WINDOW = Setting.duration("alerts.window", "P7D",
      "Length of the tumbling alert windows, aligned to Monday 00:00 UTC (ISO-8601 duration)");
  public static final Setting<Duration> GRACE = Setting.duration("alerts.grace", "PT24H",
      "How far stream time passes a window's end before the window closes and its alerts are raised");
  public static final Setting<Set<String>> SCHEMES = Setting.list("alerts.schemes", "itl1,lad",
      "Region schemes the alerts watch").map(LinkedHashSet::new);
  public static final Setting<Set<SectorGroup>> SECTORS = Setting.list("alerts.sectors", "ALL,KI",
      "Sector groups the alerts watch").map(AlertSettings::sectorGroups);
  public static final Setting<Long> EMERGED_MIN = Setting.longInteger("alerts.emerged.min", "3", 1,
      "EMERGED: a link from 0 to at least this many companies");
  public static final Setting<Long> LOST_MIN = Setting.longInteger("alerts.lost.min", "3", 1,
      "LOST: a link from at least this many companies to 0");
  public static final Setting<Double> SHIFT_PERCENT = Setting.decimal("alerts.shift.percent", "25", 0,
      "SURGE / DROP: a change of at least this percentage of the previous value...");
  public static final Setting<Long> SHIFT_MIN = Setting.longInteger("alerts.shift.min", "5", 1,
      "...and of at least this many companies");
  public static final Setting<Integer> HUB_TOP = Setting.integer("alerts.hub.top", "10", 1, 10_000,
      "HUB_RANK: size of the top list by inbound companies");
  public static final Setting<Instant> START = Setting.instant("alerts.start", null,
      "No alerts for windows ending before this instant (e.g. 2026-01-05T00:00:00Z)");
  public static final List<Setting<?>> SETTINGS = List.of(WINDOW, GRACE, SCHEMES, SECTORS, EMERGED_MIN, LOST_MIN,
      SHIFT_PERCENT, SHIFT_MIN, HUB_TOP, START);

  public static final AlertSettings DEFAULT = from(Settings.defaults());

  public static AlertSettings from(Settings settings) {
    Duration window = settings.get(WINDOW);
    if (window.isZero() || window.isNegative()) {
      throw settings.bad(WINDOW, window.toString(), "it must be positive");
    }
    Duration grace = settings.get(GRACE);
    if (grace.isNegative()) {
      throw settings.bad(GRACE, grace.toString(), "it must not be negative");
    }
    return new AlertSettings(new AlertWindows(window, grace),
        new AlertThresholds(settings.get(EMERGED_MIN), settings.get(LOST_MIN), settings.get(SHIFT_PERCENT),
            settings.get(SHIFT_MIN), settings.get(HUB_TOP)),
        settings.get(SCHEMES), settings.get(SECTORS), settings.optional(START));
  }

  public boolean watches(String scheme, String sector) {
    return schemes.contains(scheme) && SectorGroup.parse(sector).map(sectors::contains).orElse(false);
  }

  private static Set<SectorGroup> sectorGroups(List<String> tokens) {
    Set<SectorGroup> groups = new LinkedHashSet<>();
    for (String token : tokens) {
      groups.add(SectorGroup.parse(token).orElseThrow(() -> new IllegalArgumentException(
          "'" + token + "' is not a sector group; use " + List.of(SectorGroup.values()))));
    }
    return groups;
  }
}
