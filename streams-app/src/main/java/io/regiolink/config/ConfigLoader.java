package io.regiolink.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Layers the settings: defaults, then a properties file, then REGIOLINK_* environment variables,
 * then flags; each later layer wins, and each value remembers its source. Keys outside the
 * catalogue are refused rather than ignored, because a typo that silently keeps a default is the
 * hardest configuration fault to find. What the values mean is for the features that declared them.
 */
public final class ConfigLoader {

  private static final String ENV_PREFIX = "REGIOLINK_";

  private final Catalogue catalogue;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, ConfigSource> sources = new LinkedHashMap<>();

  public ConfigLoader(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** Reads a Java properties file of regiolink keys. */
  public ConfigLoader file(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      throw new ConfigException("Config file " + file.toAbsolutePath() + " does not exist: check the path given to --config.");
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("Cannot read config file " + file.toAbsolutePath() + ": " + e.getMessage()
          + ". It must be a Java properties file (key=value lines).", e);
    }
    ConfigSource source = ConfigSource.file(file);
    for (String key : properties.stringPropertyNames()) {
      putKnown(key.trim(), properties.getProperty(key).trim(), source);
    }
    return this;
  }

  /**
   * Takes REGIOLINK_* variables. Declared keys match their exact variable name; a variable under a
   * family (REGIOLINK_KAFKA_*) becomes a key of that family with '_' read as '.', which is how
   * Kafka's own keys are spelt.
   */
  public ConfigLoader environment(Map<String, String> environment) {
    Map<String, String> byVariable = new LinkedHashMap<>();
    catalogue.settings().forEach(s -> byVariable.put(s.environmentVariable(), s.key()));
    environment.entrySet().stream()
        .filter(e -> e.getKey().startsWith(ENV_PREFIX))
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> {
          String variable = e.getKey();
          ConfigSource source = ConfigSource.environment(variable);
          String declared = byVariable.get(variable);
          if (declared != null) {
            put(declared, e.getValue(), source);
            return;
          }
          String key = variable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
          if (catalogue.family(key).isPresent()) {
            put(key, e.getValue(), source);
          } else {
            throw new ConfigException("Unknown environment variable " + variable + ": no regiolink key is spelt that way. "
                + "Known keys are listed by 'regiolink --help'; unset it or fix its name.");
          }
        });
    return this;
  }

  /** Sets one key from a command-line flag. */
  public ConfigLoader flag(String key, String value, String flag) {
    putKnown(key, value, ConfigSource.flag(flag));
    return this;
  }

  public Settings load() {
    return new Settings(values, sources);
  }

  private void putKnown(String key, String value, ConfigSource source) {
    if (!catalogue.isKnown(key)) {
      throw new ConfigException("Unknown setting '" + key + "' in " + source
          + ". Check the spelling; 'regiolink --help' lists the known keys.");
    }
    put(key, value, source);
  }

  private void put(String key, String value, ConfigSource source) {
    values.put(key, value);
    sources.put(key, source);
  }
}
