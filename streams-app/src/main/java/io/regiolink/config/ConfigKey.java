package io.regiolink.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * The one key set of the design (section 6) plus the embedded mode's own keys. Every source
 * (defaults, file, environment, flags) speaks these names, so a key means the same wherever it is
 * set.
 */
public enum ConfigKey {
  BOOTSTRAP_SERVERS("bootstrap.servers", null, "Kafka bootstrap servers (the demo fills this in itself)"),
  REGISTRY_URL("registry.url", null, "Apicurio Registry base URL, e.g. http://localhost:8081 (the demo fills this in itself)"),
  APPLICATION_ID("application.id", "regiolink", "Kafka Streams application id; a new one reprocesses from the input topics"),
  STATE_DIR("state.dir", "./.regiolink", "Directory for state stores and, in demo mode, the broker and registry data"),
  HTTP_HOST("http.host", "0.0.0.0", "Interface the HTTP server binds to"),
  HTTP_PORT("http.port", "8080", "Port of the HTTP API and dashboard"),
  ADVERTISED_URL("advertised.url", null, "URL other instances use to reach this one (default http://localhost:<http.port>)"),
  PROCESSING_GUARANTEE("processing.guarantee", "exactly_once_v2", "exactly_once_v2 or at_least_once"),
  NUM_STANDBY_REPLICAS("num.standby.replicas", "0", "Standby replicas of each state store"),
  COUNTED_STATUSES("counted.statuses", "active", "Comma-separated company statuses that are counted"),
  SCHEMES_CUSTOM("schemes.custom", "", "Comma-separated name=path.csv of custom region schemes (lad_code,region_code,region_name)"),
  HISTORY_RETENTION("history.retention", "P30D", "How long link history is kept (ISO-8601 duration)"),
  QUERY_ATTEMPTS("query.attempts", "3", "Tries of a query whose partitions cannot all be read (each on fresh metadata) before 503"),
  QUERY_BACKOFF("query.backoff", "PT0.25S", "Pause before the n-th retry of a query: n times this (ISO-8601 duration)"),
  QUERY_PEER_TIMEOUT("query.peer.timeout", "PT2S", "Timeout of each call to another instance (ISO-8601 duration)"),
  QUERY_CACHE_MAX_AGE("query.cache.max.age", "PT1S", "How long a rendered matrix or hubs answer is shared "
      + "before it is rendered again (ISO-8601 duration; PT0S renders every request)"),
  QUERY_STANDBY_MAX_LAG("query.standby.max.lag", "10000",
      "Records a standby may lag to answer a query with allowStale=true (a caught-up one shows 1 at exactly-once); -1: refuse"),
  STREAM_BUFFER("stream.buffer", "10000", "Recent link events each instance keeps so SSE clients resume with Last-Event-ID"),
  STREAM_ALERTS_BUFFER("stream.alerts.buffer", "100000", "Alerts each instance keeps for GET /alerts and SSE resume"),
  STREAM_CLIENT_QUEUE("stream.client.queue", "5000",
      "Events an SSE client may fall behind before it is dropped as too slow (bursts count: one demo day is ~1,000)"),
  STREAM_MAX_CLIENTS("stream.max.clients", "200", "Concurrent SSE clients per feed and instance; more get 503"),
  STREAM_HEARTBEAT("stream.heartbeat", "PT15S", "Idle time after which SSE clients get a heartbeat comment"),
  MEMORY_TOTAL("memory.total", "2g",
      "Memory budget of the app process (k/m/g): half JVM heap (demo and run restart themselves with it unless -Xmx is given),"
          + " a quarter RocksDB block cache and write buffers shared by every store; the rest is JVM overhead"),
  TOPIC_PARTITIONS("topics.partitions", "4", "Partitions of the topics regiolink creates"),
  DEMO_KAFKA_PORT("demo.kafka.port", "0", "Demo broker port; 0 reuses the last port under state.dir or picks a free one"),
  DEMO_REGISTRY_PORT("demo.registry.port", "0", "Demo registry port; 0 reuses the last port under state.dir or picks a free one"),
  REGISTRY_HOME("registry.home", null, "Unpacked Apicurio Registry distribution the demo runs (default: .registry/ beside the build)"),
  REGISTRY_HEAP("registry.heap", "384m", "Maximum heap of the demo's registry process"),
  SAMPLE_COMPANIES("sample.companies", "20000", "Companies in the demo's synthetic sample register"),
  SAMPLE_SEED("sample.seed", "20261128", "Seed of the sample register and its trickle (same seed, same register)"),
  SAMPLE_DAY("sample.day", "PT10S", "Real time per simulated day of the demo's trickle (ISO-8601 duration)"),
  LOG_LEVEL("log.level", "INFO", "Level of regiolink's own log lines; read only from the environment (REGIOLINK_LOG_LEVEL)");

  /** Prefix of the keys passed through to every Kafka client, e.g. kafka.security.protocol. */
  public static final String KAFKA_PREFIX = "kafka.";
  /** Prefix of the alert settings (alerts.window, alerts.emerged.min, ...; see AlertSettings). */
  public static final String ALERTS_PREFIX = "alerts.";

  private final String key;
  private final String defaultValue;
  private final String description;

  ConfigKey(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public String description() {
    return description;
  }

  /** The environment variable of this key: REGIOLINK_ + the key upper-cased with '.' and '-' as '_'. */
  public String environmentVariable() {
    return environmentVariable(key);
  }

  public static String environmentVariable(String key) {
    return "REGIOLINK_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public static Optional<ConfigKey> of(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }

  /** Keys outside the enum that are still ours: the pass-through and alert families. */
  public static boolean isKnown(String key) {
    return of(key).isPresent() || key.startsWith(KAFKA_PREFIX) || key.startsWith(ALERTS_PREFIX);
  }
}
