package io.regiolink.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry run from its Maven Central distribution as a child process, on loopback, with
 * its schemas in an H2 file database under the state directory so schema ids survive restarts.
 * Whoever starts it closes it (the CLI from its shutdown hook, tests in their teardown), so the
 * registry stops gracefully rather than racing a kill.
 *
 * <p>A process that is killed outright (SIGKILL, the OOM killer) runs no shutdown hook, and its
 * registry lives on, holding the schema database's lock, so the next start on the same state
 * directory would fail. The registry's pid is therefore kept in {@code registry.pid}, and a start
 * first stops a registry still running on this database. Unlike a {@link ClusterNode}, which stops
 * when its owner's pipe closes, the registry is Apicurio's own jar and cannot watch its parent.
 */
public final class LocalRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalRegistry.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final URI url;
  private final Path logFile;
  private final Path pidFile;

  private LocalRegistry(Process process, URI url, Path logFile, Path pidFile) {
    this.process = process;
    this.url = url;
    this.logFile = logFile;
    this.pidFile = pidFile;
  }

  /**
   * Starts the registry and waits until its Confluent-compatible API answers.
   *
   * @param port 0 reuses the last port under dataDir when free, else any free one
   */
  public static LocalRegistry start(RegistryDistribution distribution, Path dataDir, int port, String heap) {
    long started = System.nanoTime();
    Path portFile = dataDir.resolve("ports.properties");
    Path logFile = dataDir.resolve("registry.log");
    Path pidFile = dataDir.resolve("registry.pid");
    String database = "-Dapicurio.datasource.url=jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db");
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the registry's data directory " + dataDir, e);
    }
    stopLeftOver(pidFile, database);
    int httpPort = Ports.choose(port, portFile, "registry");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap,
        "-Dquarkus.http.host=127.0.0.1",
        "-Dquarkus.http.port=" + httpPort,
        database,
        "-Dquarkus.log.level=WARN",
        "-Dquarkus.log.category.\"io.apicurio\".level=INFO",
        "-jar", distribution.runnerJar().toString()));
    Process process;
    try {
      process = new ProcessBuilder(command)
          .directory(distribution.home().toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Apicurio Registry from " + distribution.home(), e);
    }
    try {
      Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      process.destroyForcibly();
      throw new UncheckedIOException("Cannot write " + pidFile + ", which lets a later start stop this registry"
          + " should this process be killed", e);
    }
    URI url = URI.create("http://127.0.0.1:" + httpPort);
    LocalRegistry registry = new LocalRegistry(process, url, logFile, pidFile);
    registry.awaitReady();
    Ports.remember(portFile, "registry", httpPort);
    LOG.info("Local Apicurio Registry ready at {} (schemas in {}, log {}) after {} ms", url, dataDir, logFile,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return registry;
  }

  /**
   * Stops the registry that {@code pidFile} names if it still runs on this state directory's
   * database: its owner was killed before it could stop it. The command line must name the
   * database, so a pid reused by an unrelated process is left alone.
   */
  private static void stopLeftOver(Path pidFile, String database) {
    long pid;
    try {
      if (!Files.exists(pidFile)) {
        return;
      }
      pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
    } catch (IOException | NumberFormatException e) {
      LOG.warn("Ignoring unreadable {} ({})", pidFile, e.getMessage());
      return;
    }
    ProcessHandle.of(pid)
        .filter(h -> h.info().commandLine().map(line -> line.contains(database)).orElse(false))
        .ifPresent(leftOver -> {
          LOG.warn("Apicurio Registry pid {} was left running on {} by a run that ended without stopping it"
              + " (killed?); stopping it so this start can open the schema database", pid, pidFile.getParent());
          stop(leftOver);
          if (leftOver.isAlive()) {
            throw new IllegalStateException("Apicurio Registry pid " + pid + ", left running by an earlier run, holds the"
                + " schema database in " + pidFile.getParent() + " and did not stop. Stop it (kill -9 " + pid
                + ") and start again.");
          }
        });
  }

  /** Asks the process to stop, and kills it if it has not within {@link #STOP_TIMEOUT}. */
  private static void stop(ProcessHandle process) {
    process.destroy();
    try {
      process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      LOG.warn("Apicurio Registry pid {} did not stop within {} s; killing it", process.pid(), STOP_TIMEOUT.toSeconds());
      process.destroyForcibly();
      process.onExit().completeOnTimeout(process, 10, TimeUnit.SECONDS).join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The registry's base URL; the Confluent-compatible API is under /apis/ccompat/v7. */
  public URI url() {
    return url;
  }

  @Override
  public void close() {
    LOG.info("Stopping the local Apicurio Registry at {}", url);
    stop(process.toHandle());
    if (!process.isAlive()) {
      try {
        Files.deleteIfExists(pidFile);
      } catch (IOException e) {
        LOG.warn("Cannot remove {} ({}); the next start checks the pid in it and goes on", pidFile, e.getMessage());
      }
    }
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest probe = HttpRequest.newBuilder(url.resolve("/apis/ccompat/v7/subjects"))
        .timeout(Duration.ofSeconds(5)).GET().build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Apicurio Registry exited with code " + process.exitValue()
            + " while starting. Last lines of " + logFile + ":\n" + tail(logFile, 20)
            + "\nIf another registry uses this state directory, stop it or pass another --state-dir.");
      }
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("Interrupted while waiting for Apicurio Registry", e);
      }
      sleep(250);
    }
    close();
    throw new IllegalStateException("Apicurio Registry did not answer at " + url + " within "
        + START_TIMEOUT.toSeconds() + " s. Last lines of " + logFile + ":\n" + tail(logFile, 20));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
