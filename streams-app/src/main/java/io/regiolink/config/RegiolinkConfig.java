package io.regiolink.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import io.regiolink.alerts.AlertSettings;
import io.regiolink.live.FeedSettings;
import io.regiolink.query.QuerySettings;

/**
 * The typed configuration every part of regiolink is built from. Parsed and checked once, from
 * the layered key/value settings, so a bad value fails at start with its key and origin instead
 * of deep inside a running topology.
 */
public record RegiolinkConfig(
    Optional<String> bootstrapServers,
    Optional<URI> registryUrl,
    String applicationId,
    Path stateDir,
    String httpHost,
    int httpPort,
    URI advertisedUrl,
    ProcessingGuarantee processingGuarantee,
    int numStandbyReplicas,
    Set<String> countedStatuses,
    List<CustomScheme> customSchemes,
    Duration historyRetention,
    int topicPartitions,
    int demoKafkaPort,
    int demoRegistryPort,
    Optional<Path> registryHome,
    String registryHeap,
    SampleSettings sample,
    MemorySettings memory,
    Map<String, String> kafkaOverrides,
    AlertSettings alerts,
    QuerySettings query,
    FeedSettings links,
    FeedSettings alertFeed,
    Map<String, ConfigSource> sources) {

  /** The delivery guarantees regiolink supports; Kafka's removed {@code exactly_once} is not one. */
  public enum ProcessingGuarantee {
    EXACTLY_ONCE_V2("exactly_once_v2"),
    AT_LEAST_ONCE("at_least_once");

    private final String kafkaValue;

    ProcessingGuarantee(String kafkaValue) {
      this.kafkaValue = kafkaValue;
    }

    public String kafkaValue() {
      return kafkaValue;
    }
  }

  /** The demo's synthetic sample register and its trickle of changes on a simulated clock. */
  public record SampleSettings(int companies, long seed, Duration realTimePerDay) {}

  /**
   * How the app's memory budget ({@code memory.total}) is split: half the JVM heap (of which an
   * eighth is Kafka Streams' record cache), a quarter for RocksDB (one block cache, with the write
   * buffers charged to it, shared by every store), and a quarter left for the JVM itself
   * (metaspace, thread stacks, direct buffers) and RocksDB's own overhead.
   */
  public record MemorySettings(long totalBytes) {
    public long heapBytes() {
      return totalBytes / 2;
    }

    public long recordCacheBytes() {
      return heapBytes() / 8;
    }

    public long rocksDbBytes() {
      return totalBytes / 4;
    }
  }

  /** A region scheme loaded from a CSV of lad_code,region_code,region_name. */
  public record CustomScheme(String name, Path file) {}

  public RegiolinkConfig {
    countedStatuses = Collections.unmodifiableSet(new LinkedHashSet<>(countedStatuses));
    customSchemes = List.copyOf(customSchemes);
    kafkaOverrides = Collections.unmodifiableMap(new TreeMap<>(kafkaOverrides));
    sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }

  /** The defaults alone, as tests and tools start from. */
  public static RegiolinkConfig defaults() {
    return new ConfigLoader().load();
  }

  static RegiolinkConfig from(Map<String, String> raw, Map<String, ConfigSource> sources) {
    Parser p = new Parser(raw, sources);
    int httpPort = p.port(ConfigKey.HTTP_PORT, false);
    Map<String, String> kafka = new TreeMap<>();
    Map<String, String> alerts = new TreeMap<>();
    raw.forEach((key, value) -> {
      if (key.startsWith(ConfigKey.KAFKA_PREFIX)) {
        kafka.put(key.substring(ConfigKey.KAFKA_PREFIX.length()), value);
      } else if (key.startsWith(ConfigKey.ALERTS_PREFIX)) {
        alerts.put(key.substring(ConfigKey.ALERTS_PREFIX.length()), value);
      }
    });
    if (kafka.containsKey("bootstrap.servers")) {
      throw new ConfigException("kafka.bootstrap.servers (from " + sources.get("kafka.bootstrap.servers")
          + ") would be overridden: set bootstrap.servers instead.");
    }
    return new RegiolinkConfig(
        p.optional(ConfigKey.BOOTSTRAP_SERVERS),
        p.optional(ConfigKey.REGISTRY_URL).map(v -> p.url(ConfigKey.REGISTRY_URL, v)),
        p.required(ConfigKey.APPLICATION_ID),
        Path.of(p.required(ConfigKey.STATE_DIR)),
        p.required(ConfigKey.HTTP_HOST),
        httpPort,
        p.optional(ConfigKey.ADVERTISED_URL).map(v -> p.url(ConfigKey.ADVERTISED_URL, v))
            .orElse(URI.create("http://localhost:" + httpPort)),
        p.choice(ConfigKey.PROCESSING_GUARANTEE, ProcessingGuarantee.values(), ProcessingGuarantee::kafkaValue),
        p.integer(ConfigKey.NUM_STANDBY_REPLICAS, 0, 10),
        p.list(ConfigKey.COUNTED_STATUSES).stream().map(s -> s.toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)),
        p.customSchemes(),
        p.duration(ConfigKey.HISTORY_RETENTION),
        p.integer(ConfigKey.TOPIC_PARTITIONS, 1, 1000),
        p.port(ConfigKey.DEMO_KAFKA_PORT, true),
        p.port(ConfigKey.DEMO_REGISTRY_PORT, true),
        p.optional(ConfigKey.REGISTRY_HOME).map(Path::of),
        p.required(ConfigKey.REGISTRY_HEAP),
        new SampleSettings(p.integer(ConfigKey.SAMPLE_COMPANIES, 1, 5_000_000),
            p.longInteger(ConfigKey.SAMPLE_SEED), p.duration(ConfigKey.SAMPLE_DAY)),
        new MemorySettings(p.bytes(ConfigKey.MEMORY_TOTAL, 256L << 20)),
        kafka,
        p.alerts(alerts),
        new QuerySettings(p.integer(ConfigKey.QUERY_ATTEMPTS, 1, 20), p.duration(ConfigKey.QUERY_BACKOFF),
            p.duration(ConfigKey.QUERY_PEER_TIMEOUT), p.longInteger(ConfigKey.QUERY_STANDBY_MAX_LAG, -1),
            p.duration(ConfigKey.QUERY_CACHE_MAX_AGE)),
        p.feed(ConfigKey.STREAM_BUFFER),
        p.feed(ConfigKey.STREAM_ALERTS_BUFFER),
        sources);
  }

  public RegiolinkConfig withBootstrapServers(String servers) {
    return withAddresses(Optional.of(servers), registryUrl);
  }

  public RegiolinkConfig withRegistryUrl(URI url) {
    return withAddresses(bootstrapServers, Optional.of(url));
  }

  private RegiolinkConfig withAddresses(Optional<String> servers, Optional<URI> registry) {
    return new RegiolinkConfig(servers, registry, applicationId, stateDir, httpHost, httpPort, advertisedUrl,
        processingGuarantee, numStandbyReplicas, countedStatuses, customSchemes, historyRetention, topicPartitions,
        demoKafkaPort, demoRegistryPort, registryHome, registryHeap, sample, memory, kafkaOverrides, alerts, query, links,
        alertFeed, sources);
  }

  public String requireBootstrapServers() {
    return bootstrapServers.orElseThrow(() -> new ConfigException(
        "No Kafka cluster given: set bootstrap.servers (flag --bootstrap-servers, env "
            + ConfigKey.BOOTSTRAP_SERVERS.environmentVariable() + ", or --config FILE), or use 'regiolink demo'."));
  }

  public URI requireRegistryUrl() {
    return registryUrl.orElseThrow(() -> new ConfigException(
        "No schema registry given: set registry.url (flag --registry-url, env "
            + ConfigKey.REGISTRY_URL.environmentVariable() + ", or --config FILE), or use 'regiolink demo'."));
  }

  /** Settings every Kafka client gets: the bootstrap servers plus the kafka.* pass-through (TLS, SASL). */
  public Map<String, Object> kafkaClientSettings() {
    Map<String, Object> settings = new LinkedHashMap<>(kafkaOverrides);
    settings.put("bootstrap.servers", requireBootstrapServers());
    return settings;
  }

  /** Every setting with its origin, secrets hidden: what start-up logs and banners may show. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add("bootstrap.servers=" + bootstrapServers.orElse("(not set)"));
    lines.add("registry.url=" + registryUrl.map(URI::toString).orElse("(not set)"));
    lines.add("application.id=" + applicationId);
    lines.add("state.dir=" + stateDir.toAbsolutePath().normalize());
    lines.add("http=" + httpHost + ":" + httpPort + " advertised as " + advertisedUrl);
    lines.add("processing.guarantee=" + processingGuarantee.kafkaValue());
    lines.add("num.standby.replicas=" + numStandbyReplicas);
    lines.add("counted.statuses=" + String.join(",", countedStatuses));
    lines.add("memory.total=" + (memory.totalBytes() >> 20) + "m (heap " + (memory.heapBytes() >> 20) + "m with a "
        + (memory.recordCacheBytes() >> 20) + "m record cache, RocksDB " + (memory.rocksDbBytes() >> 20) + "m shared)");
    customSchemes.forEach(s -> lines.add("schemes.custom " + s.name() + "=" + s.file()));
    kafkaOverrides.forEach((k, v) -> lines.add("kafka." + k + "=" + (Secrets.isSecret(k) ? Secrets.HIDDEN : v)));
    lines.add("alerts: schemes " + alerts.schemes() + ", sectors " + alerts.sectors() + ", window "
        + alerts.windows().length() + " + grace " + alerts.windows().grace() + ", " + alerts.thresholds());
    lines.add("queries: " + query.attempts() + " attempts, backoff " + query.backoff() + ", peer timeout "
        + query.peerTimeout() + ", stale reads (allowStale=true) " + (query.standbyReads() ? "up to "
        + query.standbyMaxLag() + " records behind" : "off"));
    return lines;
  }

  @Override
  public String toString() {
    return "RegiolinkConfig" + describe();
  }

  /** Parses values with messages that name the key and where it was set. */
  private static final class Parser {
    private final Map<String, String> raw;
    private final Map<String, ConfigSource> sources;

    Parser(Map<String, String> raw, Map<String, ConfigSource> sources) {
      this.raw = raw;
      this.sources = sources;
    }

    Optional<String> optional(ConfigKey key) {
      return Optional.ofNullable(raw.get(key.key())).map(String::trim).filter(v -> !v.isEmpty());
    }

    String required(ConfigKey key) {
      return optional(key).orElseThrow(() -> bad(key, "", "it must not be empty"));
    }

    int integer(ConfigKey key, int min, int max) {
      long n = longInteger(key);
      if (n < min || n > max) {
        throw bad(key, required(key), "it must be between " + min + " and " + max);
      }
      return (int) n;
    }

    long longInteger(ConfigKey key) {
      String value = required(key);
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw bad(key, value, "it must be a whole number");
      }
    }

    long longInteger(ConfigKey key, long min) {
      long n = longInteger(key);
      if (n < min) {
        throw bad(key, required(key), "it must be at least " + min);
      }
      return n;
    }

    /** A size such as 1536m or 2g (k, m, g: binary multiples; no suffix: bytes). */
    long bytes(ConfigKey key, long min) {
      String value = required(key);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(\\d+)([kmg]?)").matcher(value);
      if (!m.matches()) {
        throw bad(key, value, "it must be a size such as 1536m or 2g");
      }
      int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "k" -> 10;
        case "m" -> 20;
        case "g" -> 30;
        default -> 0;
      };
      long n;
      try {
        n = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
      } catch (ArithmeticException | NumberFormatException e) {
        throw bad(key, value, "it is too large");
      }
      if (n < min) {
        throw bad(key, value, "it must be at least " + (min >> 20) + "m");
      }
      return n;
    }

    FeedSettings feed(ConfigKey buffer) {
      return new FeedSettings(integer(buffer, 1, 10_000_000), integer(ConfigKey.STREAM_CLIENT_QUEUE, 1, 1_000_000),
          integer(ConfigKey.STREAM_MAX_CLIENTS, 1, 100_000), duration(ConfigKey.STREAM_HEARTBEAT));
    }

    int port(ConfigKey key, boolean zeroAllowed) {
      return integer(key, zeroAllowed ? 0 : 1, 65535);
    }

    URI url(ConfigKey key, String value) {
      try {
        URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
          throw bad(key, value, "it must be an http(s) URL such as http://localhost:8081");
        }
        return uri;
      } catch (IllegalArgumentException e) {
        throw bad(key, value, "it must be an http(s) URL such as http://localhost:8081");
      }
    }

    Duration duration(ConfigKey key) {
      String value = required(key);
      try {
        return Duration.parse(value);
      } catch (DateTimeParseException e) {
        throw bad(key, value, "it must be an ISO-8601 duration such as P30D or PT12H");
      }
    }

    List<String> list(ConfigKey key) {
      return Arrays.stream(optional(key).orElse("").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    <E extends Enum<E>> E choice(ConfigKey key, E[] options, Function<E, String> spelling) {
      String value = required(key);
      for (E option : options) {
        if (spelling.apply(option).equalsIgnoreCase(value)) {
          return option;
        }
      }
      throw bad(key, value, "it must be one of " + Arrays.stream(options).map(spelling).toList());
    }

    AlertSettings alerts(Map<String, String> raw) {
      for (String key : raw.keySet()) {
        if (!key.equals("start") && !AlertSettings.DEFAULTS.containsKey(key)) {
          throw new ConfigException("Unknown setting 'alerts." + key + "' (from " + sources.get("alerts." + key)
              + "). Known: alerts.start and alerts." + String.join(", alerts.", new java.util.TreeSet<>(AlertSettings.DEFAULTS.keySet())) + ".");
        }
      }
      Map<String, String> v = new TreeMap<>(AlertSettings.DEFAULTS);
      v.putAll(raw);
      try {
        Duration window = Duration.parse(v.get("window"));
        Duration grace = Duration.parse(v.get("grace"));
        Set<io.regiolink.sector.SectorGroup> sectors = new LinkedHashSet<>();
        for (String token : v.get("sectors").split(",")) {
          sectors.add(io.regiolink.sector.SectorGroup.parse(token.trim()).orElseThrow(() ->
              new IllegalArgumentException("unknown sector group '" + token.trim() + "'")));
        }
        Set<String> schemes = new LinkedHashSet<>();
        for (String scheme : v.get("schemes").split(",")) {
          schemes.add(scheme.trim());
        }
        return new AlertSettings(new io.regiolink.alerts.AlertWindows(window, grace),
            new io.regiolink.alerts.AlertThresholds(Long.parseLong(v.get("emerged.min")),
                Long.parseLong(v.get("lost.min")), Double.parseDouble(v.get("shift.percent")),
                Long.parseLong(v.get("shift.min")), Integer.parseInt(v.get("hub.top"))),
            schemes, sectors, Optional.ofNullable(v.get("start")).map(java.time.Instant::parse));
      } catch (RuntimeException e) {
        throw new ConfigException("Bad alert setting: " + e.getMessage() + " (alerts.* keys; durations are ISO-8601 "
            + "like P7D, numbers plain, alerts.start an instant like 2026-01-05T00:00:00Z).", e);
      }
    }

    List<CustomScheme> customSchemes() {
      List<CustomScheme> schemes = new ArrayList<>();
      for (String entry : list(ConfigKey.SCHEMES_CUSTOM)) {
        int eq = entry.indexOf('=');
        String name = eq < 0 ? "" : entry.substring(0, eq).trim();
        if (eq < 0 || !name.matches("[a-z][a-z0-9_-]{0,31}") || entry.substring(eq + 1).isBlank()) {
          throw bad(ConfigKey.SCHEMES_CUSTOM, entry,
              "each entry must be name=path.csv with a lower-case name (letters, digits, - or _)");
        }
        if (name.equals("lad") || name.equals("itl1")) {
          throw bad(ConfigKey.SCHEMES_CUSTOM, entry, "'" + name + "' is a built-in scheme; choose another name");
        }
        schemes.add(new CustomScheme(name, Path.of(entry.substring(eq + 1).trim())));
      }
      return schemes;
    }

    private ConfigException bad(ConfigKey key, String value, String rule) {
      return new ConfigException("Bad value '" + value + "' for " + key.key() + " (from "
          + sources.getOrDefault(key.key(), ConfigSource.DEFAULT) + "): " + rule + ".");
    }
  }
}
