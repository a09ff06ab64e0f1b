package io.regiolink.links;

import io.regiolink.config.Setting;
import io.regiolink.config.Settings;
import io.regiolink.geo.CustomScheme;
import io.regiolink.history.HistoryRetention;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the counting topology counts: which company statuses, which region schemes beyond the
 * built-in ones, and how much history of the counts it keeps. The core ({@code geo},
 * {@code footprint}, {@code history}) takes the parsed values and never sees a key.
 */
public record CountingSettings(Set<String> countedStatuses, List<CustomScheme> customSchemes,
    HistoryRetention history) {

  private static final String NAME = "[a-z][a-z0-9_-]{0,31}";

  public static final Setting<Set<String>> COUNTED_STATUSES = Setting.list("counted.statuses", "active",
      "Comma-separated company statuses that are counted").map(CountingSettings::lowerCase);
  public static final Setting<List<CustomScheme>> CUSTOM_SCHEMES = Setting.list("schemes.custom", "",
      "Comma-separated name=path.csv of custom region schemes (lad_code,region_code,region_name)")
      .map(CountingSettings::customSchemes);
  public static final Setting<HistoryRetention> HISTORY_RETENTION = Setting.duration("history.retention", "P400D",
      "How far back the counts' history reaches (asOf and changes queries), as an ISO-8601 duration; older history"
          + " is deleted from disk").map(HistoryRetention::new);
  public static final List<Setting<?>> SETTINGS = List.of(COUNTED_STATUSES, CUSTOM_SCHEMES, HISTORY_RETENTION);

  public CountingSettings {
    countedStatuses = Collections.unmodifiableSet(new LinkedHashSet<>(countedStatuses));
    customSchemes = List.copyOf(customSchemes);
  }

  public static CountingSettings from(Settings settings) {
    return new CountingSettings(settings.get(COUNTED_STATUSES), settings.get(CUSTOM_SCHEMES),
        settings.get(HISTORY_RETENTION));
  }

  private static Set<String> lowerCase(List<String> statuses) {
    Set<String> lower = new LinkedHashSet<>();
    statuses.forEach(s -> lower.add(s.toLowerCase(Locale.ROOT)));
    return lower;
  }

  private static List<CustomScheme> customSchemes(List<String> entries) {
    List<CustomScheme> schemes = new ArrayList<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      String name = eq < 0 ? "" : entry.substring(0, eq).trim();
      if (eq < 0 || !name.matches(NAME) || entry.substring(eq + 1).isBlank()) {
        throw new IllegalArgumentException("'" + entry + "' is not name=path.csv with a lower-case name (letters, digits,"
            + " - or _)");
      }
      if (name.equals("lad") || name.equals("itl1")) {
        throw new IllegalArgumentException("'" + name + "' is a built-in scheme; choose another name");
      }
      schemes.add(new CustomScheme(name, Path.of(entry.substring(eq + 1).trim())));
    }
    return schemes;
  }
}
