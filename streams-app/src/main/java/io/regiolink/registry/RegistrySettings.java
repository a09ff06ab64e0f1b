package io.regiolink.registry;

import io.regiolink.config.ConfigException;
import io.regiolink.config.Setting;
import io.regiolink.config.Settings;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Where the schema registry is: its base URL (the serdes and the contract setup add their API paths). */
public record RegistrySettings(Optional<URI> url) {

  public static final Setting<URI> URL = Setting.url("registry.url", null,
      "Apicurio Registry base URL, e.g. http://localhost:8081 (the demo fills this in itself); the serdes use"
          + " /apis/registry/v3, the Confluent-compatible API is /apis/ccompat/v7");
  public static final List<Setting<?>> SETTINGS = List.of(URL);

  public static RegistrySettings from(Settings settings) {
    return new RegistrySettings(settings.optional(URL));
  }

  public URI requireUrl() {
    return url.orElseThrow(() -> new ConfigException(
        "No schema registry given: set registry.url (flag --registry-url, env "
            + URL.environmentVariable() + ", or --config FILE), or use 'regiolink demo'."));
  }
}
