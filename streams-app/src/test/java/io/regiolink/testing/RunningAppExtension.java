package io.regiolink.testing;

import io.regiolink.app.RegiolinkStreams;
import io.regiolink.app.RegiolinkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link RunningApp} (real broker, registry and streams app) per test class, on a state
 * directory of its own that is deleted afterwards.
 */
public final class RunningAppExtension implements BeforeAllCallback, AfterAllCallback {
  private final Map<String, String> flags;
  private Path stateDir;
  private RunningApp app;

  public RunningAppExtension() {
    this(Map.of());
  }

  /** With settings given as if by flags (e.g. small limits, so that a test can reach them). */
  public RunningAppExtension(Map<String, String> flags) {
    this.flags = Map.copyOf(flags);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    stateDir = Files.createTempDirectory("regiolink-it");
    app = RunningApp.start(stateDir, flags);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    Cleanup.closeThenDelete(stateDir, app);
  }

  public RegiolinkConfig config() {
    return app.config();
  }

  public RegiolinkStreams streams() {
    return app.streams();
  }

  public String http() {
    return app.http();
  }

  public Path stateDir() {
    return stateDir;
  }
}
