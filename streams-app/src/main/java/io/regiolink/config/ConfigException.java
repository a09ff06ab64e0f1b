package io.regiolink.config;

/** A configuration a person must fix: the message says which key, where it came from and what to do. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
