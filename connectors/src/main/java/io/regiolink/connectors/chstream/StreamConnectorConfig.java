package io.regiolink.connectors.chstream;

import io.regiolink.connectors.SharedSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/** The settings of {@link CompaniesHouseStreamSourceConnector}, with their defaults. */
public final class StreamConnectorConfig extends AbstractConfig {
  public static final String URL = "ch.stream.url";
  public static final String API_KEY = "ch.stream.api.key";
  public static final String START_TIMEPOINT = "ch.stream.start.timepoint";
  public static final String ON_TOO_OLD = "ch.stream.on.timepoint.too.old";
  public static final String HEARTBEAT_TIMEOUT_MS = "ch.stream.heartbeat.timeout.ms";
  public static final String CONNECT_TIMEOUT_MS = "ch.stream.connect.timeout.ms";
  public static final String BACKOFF_INITIAL_MS = "ch.stream.backoff.initial.ms";
  public static final String BACKOFF_MAX_MS = "ch.stream.backoff.max.ms";
  public static final String RATE_LIMIT_PAUSE_MS = "ch.stream.rate.limit.pause.ms";
  public static final String TOPIC = SharedSettings.TOPIC;
  public static final String BATCH_MAX = "batch.max";

  public static final ConfigDef DEF = SharedSettings.with(new ConfigDef()
      .define(URL, Type.STRING, "https://stream.companieshouse.gov.uk/companies", Importance.HIGH,
          "The companies stream; point it at a mirror or a test server as needed.")
      .define(API_KEY, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
          "Streaming API key (HTTP Basic user name, empty password). Never logged.")
      .define(START_TIMEPOINT, Type.LONG, -1L, Importance.MEDIUM,
          "Where to start when the connector has no offset yet: -1 from now, else this timepoint (e.g. the one the"
              + " bulk snapshot was taken at, so the stream takes over where it ends).")
      .define(ON_TOO_OLD, Type.STRING, "fail", ConfigDef.ValidString.in("fail", "restart-from-now"), Importance.MEDIUM,
          "On HTTP 416 (the stream no longer holds the timepoint): fail the task with what to do, or restart from"
              + " now and log the gap with both timepoints.")
      .define(HEARTBEAT_TIMEOUT_MS, Type.LONG, 90_000L, Importance.LOW,
          "Silence (no event, no heartbeat) after which the connection counts as dead and is reopened.")
      .define(CONNECT_TIMEOUT_MS, Type.LONG, 30_000L, Importance.LOW, "Timeout of opening a connection.")
      .define(BACKOFF_INITIAL_MS, Type.LONG, 1_000L, Importance.LOW,
          "First reconnect delay; it doubles per failed attempt (with jitter) up to ch.stream.backoff.max.ms.")
      .define(BACKOFF_MAX_MS, Type.LONG, 60_000L, Importance.LOW, "Longest reconnect delay.")
      .define(RATE_LIMIT_PAUSE_MS, Type.LONG, 300_000L, Importance.LOW, "Pause after HTTP 429 (rate limited).")
      .define(BATCH_MAX, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.LOW, "Most records per poll."),
      "companies.profiles.v1", "Topic of the profile events.");

  public StreamConnectorConfig(Map<String, String> props) {
    super(DEF, props);
  }

  public StreamSettings streamSettings() {
    Password key = getPassword(API_KEY);
    return new StreamSettings(URI.create(getString(URL)), key.value(), Duration.ofMillis(getLong(CONNECT_TIMEOUT_MS)),
        Duration.ofMillis(getLong(HEARTBEAT_TIMEOUT_MS)), Duration.ofMillis(getLong(BACKOFF_INITIAL_MS)),
        Duration.ofMillis(getLong(BACKOFF_MAX_MS)), Duration.ofMillis(getLong(RATE_LIMIT_PAUSE_MS)),
        getString(ON_TOO_OLD).equals("restart-from-now"), 4 * 1024 * 1024);
  }
}
