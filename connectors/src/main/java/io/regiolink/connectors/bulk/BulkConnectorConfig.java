package io.regiolink.connectors.bulk;

import java.util.Map;
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
  public static final String TOPIC = "topic";
  public static final String REJECTED_TOPIC = "rejected.topic";
  public static final String REGISTRY_URL = "registry.url";
  public static final String BATCH_MAX = "batch.max";
  public static final String PROGRESS_ROWS = "progress.rows";

  public static final ConfigDef DEF = new ConfigDef()
      .define(DIR, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
          "Directory holding the snapshot: BasicCompanyData*.csv or .zip (one file or the part files).")
      .define(PREFIX, Type.STRING, "BasicCompanyData", Importance.LOW, "Name prefix of the snapshot files.")
      .define(TIMEPOINT, Type.LONG, 0L, Importance.HIGH,
          "The stream timepoint the snapshot corresponds to, carried on every event: set the stream connector's"
              + " ch.stream.start.timepoint to it so the stream takes over where the snapshot ends.")
      .define(PUBLISHED_AT, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
          "The snapshot's date (e.g. 2026-11-01 or 2026-11-01T00:00:00Z): the event time of every row.")
      .define(TOPIC, Type.STRING, "companies.profiles.v1", Importance.MEDIUM, "Topic of the profile events.")
      .define(REJECTED_TOPIC, Type.STRING, "regiolink.rejected.v1", Importance.MEDIUM,
          "Topic of unusable rows (RejectedRecord, origin connector:<file>:<line>).")
      .define(REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, "Apicurio Registry base URL.")
      .define(BATCH_MAX, Type.INT, 2000, ConfigDef.Range.atLeast(1), Importance.LOW, "Most rows per poll.")
      .define(PROGRESS_ROWS, Type.LONG, 100_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
          "Log progress every this many rows.");

  public BulkConnectorConfig(Map<String, String> props) {
    super(DEF, props);
  }
}
