package io.regiolink.bench;

import io.regiolink.app.RegiolinkConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** regiolink as its users run it: 'java -jar regiolink.jar run' against the bench's broker and registry. */
final class AppProcess {
  private AppProcess() {}

  static ChildProcess start(Path jar, String heap, List<String> jvmArgs, Map<String, String> settings,
      RegiolinkConfig config, Path log) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
    command.addAll(jvmArgs);
    command.addAll(List.of("-jar", jar.toString(), "run",
        "--bootstrap-servers", config.requireBootstrapServers(),
        "--registry-url", config.requireRegistryUrl().toString(),
        "--application-id", config.applicationId(),
        "--state-dir", config.stateDir().toString(),
        "--http-port", Integer.toString(config.http().port())));
    settings.forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
    return ChildProcess.start("regiolink", command, log);
  }

  /** Until GET /health answers 200 (streams running, every store queryable). */
  static void awaitHealthy(ChildProcess app, Http http) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (http.get("/health").status() != 200) {
      if (!app.isAlive()) {
        throw new IllegalStateException("regiolink stopped before it was healthy; its log ends:\n" + app.tail(30));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("regiolink was not healthy within 3 minutes; its log ends:\n" + app.tail(30));
      }
      ChildProcess.sleep(250);
    }
  }
}
