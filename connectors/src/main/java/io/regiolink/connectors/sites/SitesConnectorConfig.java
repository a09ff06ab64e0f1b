package io.regiolink.connectors.sites;

import java.util.Map;
import io.regiolink.connectors.SharedSettings;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The settings of {@link TradingSitesSourceConnector}, with their defaults. */
public final class SitesConnectorConfig extends AbstractConfig {
  public static final String DIR = "sites.dir";
  public static final String DONE_DIR = "sites.done.dir";
  public static final String MIN_AGE_MS = "sites.min.age.ms";
  public static final String POLL_INTERVAL_MS = "sites.poll.interval.ms";
  public static final String TOPIC = SharedSettings.TOPIC;

  public static final ConfigDef DEF = SharedSettings.with(new ConfigDef()
      .define(DIR, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
          "Directory where trading-site files (.csv, .ndjson) are dropped. Move finished files in (a rename), do not"
              + " write them in place.")
      .define(DONE_DIR, Type.STRING, "", Importance.MEDIUM,
          "Where a file goes once all its records are written (default: <sites.dir>/done).")
      .define(MIN_AGE_MS, Type.LONG, 1_000L, Importance.LOW,
          "A file is read only once it has not changed for this long (a guard against half-written files).")
      .define(POLL_INTERVAL_MS, Type.LONG, 2_000L, Importance.LOW, "How often the directory is looked at when idle."),
      "companies.trading-sites.v1", "Topic of the site lists.");

  public SitesConnectorConfig(Map<String, String> props) {
    super(DEF, props);
  }
}
