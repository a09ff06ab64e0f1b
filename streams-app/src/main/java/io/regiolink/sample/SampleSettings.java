package io.regiolink.sample;

import io.regiolink.config.Setting;
import io.regiolink.config.Settings;
import java.time.Duration;
import java.util.List;

/** The demo's synthetic sample register and its trickle of changes on a simulated clock. */
public record SampleSettings(int companies, long seed, Duration realTimePerDay) {

  public static final Setting<Integer> COMPANIES = Setting.integer("sample.companies", "20000", 1, 5_000_000,
      "Companies in the demo's synthetic sample register");
  public static final Setting<Long> SEED = Setting.longInteger("sample.seed", "20261128", Long.MIN_VALUE,
      "Seed of the sample register and its trickle (same seed, same register; a state dir keeps the seed it was made with)");
  public static final Setting<Duration> DAY = Setting.duration("sample.day", "PT10S",
      "Real time per simulated day of the demo's trickle (ISO-8601 duration)");
  public static final List<Setting<?>> SETTINGS = List.of(COMPANIES, SEED, DAY);

  public static SampleSettings from(Settings settings) {
    return new SampleSettings(settings.get(COMPANIES), settings.get(SEED), settings.get(DAY));
  }
}
