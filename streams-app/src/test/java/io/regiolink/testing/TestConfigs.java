package io.regiolink.testing;

import io.regiolink.app.RegiolinkConfig;
import io.regiolink.config.ConfigLoader;
import io.regiolink.embedded.LocalStack;
import java.nio.file.Path;
import java.util.Map;

/** Configurations for tests: their own state directory, free ports, and the build's registry. */
public final class TestConfigs {
  private TestConfigs() {}

  public static RegiolinkConfig local(Path stateDir) {
    return local(stateDir, Map.of());
  }

  /** The same, with further settings as if given as flags. */
  public static RegiolinkConfig local(Path stateDir, Map<String, String> flags) {
    ConfigLoader loader = RegiolinkConfig.loader().flag("state.dir", stateDir.toString(), "test");
    flags.forEach((key, value) -> loader.flag(key, value, "test"));
    String registryHome = System.getProperty("regiolink.registry.home");
    if (registryHome != null) {
      loader.flag("registry.home", registryHome, "test");
    }
    // Port 0 on a fresh state directory: the OS picks free ports, so tests never collide.
    return RegiolinkConfig.from(loader.flag("demo.kafka.port", "0", "test").flag("demo.registry.port", "0", "test").load());
  }

  /** The demo's broker and registry for this configuration, on its state directory. */
  public static LocalStack stack(RegiolinkConfig config) {
    return LocalStack.start(config.demo(), config.stateDir());
  }

  /**
   * One more instance of a multi-instance application on a running stack: its own state
   * directory and free HTTP port, one standby replica, plus {@code extra} settings.
   */
  public static RegiolinkConfig instance(LocalStack stack, Path stateDir, String applicationId,
      Map<String, String> extra) {
    Map<String, String> flags = new java.util.HashMap<>(Map.of("http.port", Integer.toString(freePort()),
        "application.id", applicationId, "num.standby.replicas", "1"));
    flags.putAll(extra);
    return local(stateDir, flags).withAddressesOf(stack);
  }

  /** A port free right now, for an HTTP server a test starts. */
  public static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
