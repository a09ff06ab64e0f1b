package io.regiolink.testing;

import io.regiolink.config.ConfigLoader;
import io.regiolink.config.RegiolinkConfig;
import java.nio.file.Path;

/** Configurations for tests: their own state directory, free ports, and the build's registry. */
public final class TestConfigs {
  private TestConfigs() {}

  public static RegiolinkConfig local(Path stateDir) {
    ConfigLoader loader = new ConfigLoader().flag("state.dir", stateDir.toString(), "test");
    String registryHome = System.getProperty("regiolink.registry.home");
    if (registryHome != null) {
      loader.flag("registry.home", registryHome, "test");
    }
    // Port 0 on a fresh state directory: the OS picks free ports, so tests never collide.
    return loader.flag("demo.kafka.port", "0", "test").flag("demo.registry.port", "0", "test").load();
  }
}
