package io.regiolink.config;

import java.nio.file.Path;

/** Where a setting came from, so an error can point a person at the place to fix it. */
public record ConfigSource(String description) {
  public static final ConfigSource DEFAULT = new ConfigSource("the default");

  public static ConfigSource file(Path file) {
    return new ConfigSource("config file " + file);
  }

  public static ConfigSource environment(String variable) {
    return new ConfigSource("environment variable " + variable);
  }

  public static ConfigSource flag(String flag) {
    return new ConfigSource("flag " + flag);
  }

  @Override
  public String toString() {
    return description;
  }
}
