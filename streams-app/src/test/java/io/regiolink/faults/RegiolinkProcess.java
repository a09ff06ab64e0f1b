package io.regiolink.faults;

import io.regiolink.app.RegiolinkConfig;
import io.regiolink.testing.Api;
import io.regiolink.testing.PackagedJar;
import io.regiolink.testing.TestConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar as users run it, {@code java -jar regiolink.jar run}, in its own OS process, so
 * that a test can kill it with SIGKILL: nothing of it runs in the test's JVM, and nothing it held
 * in memory survives.
 */
final class RegiolinkProcess {
  /** The app's heap; memory.total is twice it, so the app does not restart itself to apply it. */
  private static final String HEAP = "384m";
  private final Process process;
  private final Path log;
  private final Path stateDir;
  private final int httpPort;
  private final long startedNanos = System.nanoTime();

  private RegiolinkProcess(Process process, Path log, Path stateDir, int httpPort) {
    this.process = process;
    this.log = log;
    this.stateDir = stateDir;
    this.httpPort = httpPort;
  }

  /**
   * Starts an instance on the stack's broker and registry.
   *
   * @param settings further settings, each as {@code --set key=value}
   */
  static RegiolinkProcess start(RegiolinkConfig stack, String applicationId, Path stateDir, Map<String, String> settings,
      Path log) {
    return start(stack, applicationId, stateDir, settings, Optional.empty(), log);
  }

  /**
   * The same, with a {@code --config} file too: where secrets go, since the command line is logged
   * here and visible to every user of the machine.
   */
  static RegiolinkProcess start(RegiolinkConfig stack, String applicationId, Path stateDir, Map<String, String> settings,
      Optional<Path> configFile, Path log) {
    int port = TestConfigs.freePort();
    List<String> command = new ArrayList<>(PackagedJar.command(List.of("-Xmx" + HEAP), List.of("run",
        "--bootstrap-servers", stack.requireBootstrapServers(),
        "--registry-url", stack.requireRegistryUrl().toString(),
        "--application-id", applicationId,
        "--state-dir", stateDir.toString(),
        "--http-port", Integer.toString(port),
        "--set", "memory.total=768m")));
    settings.forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
    configFile.ifPresent(file -> command.addAll(List.of("--config", file.toString())));
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(log, "--- " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      return new RegiolinkProcess(process, log, stateDir, port);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + command, e);
    }
  }

  String http() {
    return "http://127.0.0.1:" + httpPort;
  }

  Path stateDir() {
    return stateDir;
  }

  /** Time since the process was started. */
  Duration age() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL (what {@code destroyForcibly} sends on Linux): no shutdown hook, no flush, no commit. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("Process " + process.pid() + " still alive 30 s after SIGKILL");
    }
  }

  /** Until the process ends by itself; its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("regiolink (pid " + pid() + ") still running after " + timeout + "; its log ends:\n"
          + tail(40));
    }
    return process.exitValue();
  }

  /** SIGTERM, the orderly stop, for the end of a test. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Whether GET /health answers 200: every store queryable. False while starting or dead. */
  boolean healthy() {
    try {
      return new Api(http()).get("/health").ok();
    } catch (UncheckedIOException notListening) {
      return false;
    }
  }

  void awaitHealthy(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!healthy()) {
      if (!isAlive()) {
        throw new AssertionError("regiolink (pid " + pid() + ") ended before it was healthy; its log ends:\n" + tail(40));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("regiolink (pid " + pid() + ") not healthy within " + timeout + "; its log ends:\n"
            + tail(40));
      }
      Thread.sleep(250);
    }
  }

  /** The last lines of the log every instance of the test appends to. */
  String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log " + log + " unreadable: " + e.getMessage() + ")";
    }
  }
}
