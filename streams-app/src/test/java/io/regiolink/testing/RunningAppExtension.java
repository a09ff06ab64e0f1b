package io.regiolink.testing;

import io.regiolink.app.RegiolinkStreams;
import io.regiolink.app.RegiolinkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link RunningApp} (real broker, registry and streams app) per test class, on a state
 * directory of its own that is deleted afterwards.
 */
public final class RunningAppExtension implements BeforeAllCallback, AfterAllCallback {
  private Path stateDir;
  private RunningApp app;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    stateDir = Files.createTempDirectory("regiolink-it");
    app = RunningApp.start(stateDir);
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
