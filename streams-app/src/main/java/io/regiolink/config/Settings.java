package io.regiolink.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The layered values of one start, each with where it came from. Features read their own keys
 * through it, so every bad value fails with the same message: the value, the key, its source and
 * the rule it broke.
 */
public final class Settings {
  private final Map<String, String> values;
  private final Map<String, ConfigSource> sources;

  Settings(Map<String, String> values, Map<String, ConfigSource> sources) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }

  /** No source set anything: every setting reads as its default (what tests and tools start from). */
  public static Settings defaults() {
    return new Settings(Map.of(), Map.of());
  }

  /** The setting's value (its default when no source set it); an empty or missing value is an error. */
  public <T> T get(Setting<T> setting) {
    String value = raw(setting).orElseThrow(() -> bad(setting, "", "it must not be empty"));
    return parse(setting, value);
  }

  /** The setting's value, or empty when neither a source nor the default gives one. */
  public <T> Optional<T> optional(Setting<T> setting) {
    return raw(setting).filter(v -> !v.isEmpty()).map(v -> parse(setting, v));
  }

  /** The keys under a family's prefix, prefix removed (e.g. kafka.security.protocol as security.protocol). */
  public Map<String, String> family(String prefix) {
    Map<String, String> members = new TreeMap<>();
    values.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        members.put(key.substring(prefix.length()), value);
      }
    });
    return members;
  }

  public ConfigSource source(String key) {
    return sources.getOrDefault(key, ConfigSource.DEFAULT);
  }

  public Map<String, ConfigSource> sources() {
    return sources;
  }

  /** An error about a value that parsed but does not fit with the rest (e.g. a reserved name). */
  public ConfigException bad(Setting<?> setting, String value, String rule) {
    return new ConfigException("Bad value '" + value + "' for " + setting.key() + " (from " + source(setting.key())
        + "): " + rule + ".");
  }

  /** The value as given (or defaulted), trimmed and unparsed; empty when there is none. */
  public Optional<String> raw(Setting<?> setting) {
    return Optional.ofNullable(values.getOrDefault(setting.key(), setting.defaultValue())).map(String::trim);
  }

  private <T> T parse(Setting<T> setting, String value) {
    try {
      return setting.parser().apply(value);
    } catch (IllegalArgumentException e) {
      throw bad(setting, value, e.getMessage());
    }
  }
}
