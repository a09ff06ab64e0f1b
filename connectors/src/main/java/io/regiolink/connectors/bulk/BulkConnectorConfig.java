package io.regiolink.connectors.bulk;

import java.util.Map;
import io.regiolink.connectors.SharedSettings;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The settings of {@link CompaniesHouseBulkSourceConnector}, with their defaults. */
public final class BulkConnectorConfig extends AbstractConfig {
  public static final String DIR = "bulk.dir";
  public static final String PREFIX = "bulk.file.prefix";
  public static final String TIMEPOINT = "bulk.timepoint";
  public static final String PUBLISHED_AT = "bulk.published.at";
  public static final String TOPIC = SharedSettings.TOPIC;
  public static final String BATCH_MAX = "batch.max";
  public static final String PROGRESS_ROWS = "progress.rows";

  public static final ConfigDef DEF = SharedSettings.with(new ConfigDef()
      .define(DIR, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
          "Directory holding the snapshot: BasicCompanyData*.csv or .zip (one file or the part files).")
      .define(PREFIX, Type.STRING, "BasicCompanyData", Importance.LOW, "Name prefix of the snapshot files.")
      .define(TIMEPOINT, Type.LONG, 0L, Importance.HIGH,
          "The stream timepoint the snapshot corresponds to, carried on every event: set the stream connector's"
              + " ch.stream.start.timepoint to it so the stream takes over where the snapshot ends.")
      .define(PUBLISHED_AT, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
          "The snapshot's date (e.g. 2026-11-01 or 2026-11-01T00:00:00Z): the event time of every row.")
      .define(BATCH_MAX, Type.INT, 2000, ConfigDef.Range.atLeast(1), Importance.LOW, "Most rows per poll.")
      .define(PROGRESS_ROWS, Type.LONG, 100_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
          "Log progress every this many rows."),
      "companies.profiles.v1", "Topic of the profile events.");

  public BulkConnectorConfig(Map<String, String> props) {
    super(DEF, props);
  }
}
