package io.regiolink.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.app.StreamsSettings;
import io.regiolink.config.ConfigException;
import io.regiolink.config.ConfigLoader;
import io.regiolink.config.Setting;
import io.regiolink.http.HttpSettings;
import io.regiolink.registry.RegistrySettings;
import io.regiolink.topics.KafkaSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The configuration flags every command shares; flags are the last and strongest layer. */
public final class ConfigOptions {

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file of regiolink keys.")
  Path configFile;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Option(names = "--registry-url", paramLabel = "URL", description = "Apicurio Registry base URL, e.g. http://localhost:8081.")
  String registryUrl;

  @Option(names = "--application-id", paramLabel = "ID", description = "Kafka Streams application id (default: regiolink).")
  String applicationId;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "State directory (default: ./.regiolink).")
  Path stateDir;

  @Option(names = "--http-host", paramLabel = "HOST", description = "Interface the HTTP server binds to (default: 0.0.0.0).")
  String httpHost;

  @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port (default: 8080).")
  Integer httpPort;

  @Option(names = "--advertised-url", paramLabel = "URL", description = "URL other instances reach this one at.")
  String advertisedUrl;

  @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
      description = "Any configuration key, e.g. --set kafka.security.protocol=SSL. Repeatable.")
  Map<String, String> settings = new LinkedHashMap<>();

  /** Defaults, then --config, then REGIOLINK_* environment variables, then flags. */
  public RegiolinkConfig load(Map<String, String> environment) {
    ConfigLoader loader = RegiolinkConfig.loader();
    if (configFile != null) {
      loader.file(configFile);
    }
    loader.environment(environment);
    settings.forEach((key, value) -> {
      if (key.isBlank()) {
        throw new ConfigException("--set needs KEY=VALUE, got '=" + value + "'");
      }
      loader.flag(key.trim(), value, "--set " + key.trim());
    });
    flag(loader, KafkaSettings.BOOTSTRAP_SERVERS, bootstrapServers, "--bootstrap-servers");
    flag(loader, RegistrySettings.URL, registryUrl, "--registry-url");
    flag(loader, StreamsSettings.APPLICATION_ID, applicationId, "--application-id");
    flag(loader, StreamsSettings.STATE_DIR, stateDir == null ? null : stateDir.toString(), "--state-dir");
    flag(loader, HttpSettings.HOST, httpHost, "--http-host");
    flag(loader, HttpSettings.PORT, httpPort == null ? null : httpPort.toString(), "--http-port");
    flag(loader, HttpSettings.ADVERTISED_URL, advertisedUrl, "--advertised-url");
    RegiolinkConfig config = RegiolinkConfig.from(loader.load());
    // log.level from any source, not only the environment variable the logger reads at start.
    ((Logger) LoggerFactory.getLogger("io.regiolink"))
        .setLevel(Level.toLevel(config.logLevel()));
    return config;
  }

  private static void flag(ConfigLoader loader, Setting<?> key, String value, String flag) {
    if (value != null) {
      loader.flag(key.key(), value, flag);
    }
  }
}
