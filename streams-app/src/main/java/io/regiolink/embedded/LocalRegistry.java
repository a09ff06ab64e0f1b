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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry run from its Maven Central distribution as a child process, on loopback, with
 * its schemas in an H2 file database under the state directory so schema ids survive restarts.
 * Whoever starts it closes it (the CLI from its shutdown hook, tests in their teardown), so the
 * registry stops gracefully rather than racing a kill.
 */
public final class LocalRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalRegistry.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Process process;
  private final URI url;
  private final Path logFile;

  private LocalRegistry(Process process, URI url, Path logFile) {
    this.process = process;
    this.url = url;
    this.logFile = logFile;
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
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the registry's data directory " + dataDir, e);
    }
    int httpPort = Ports.choose(port, portFile, "registry");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap,
        "-Dquarkus.http.host=127.0.0.1",
        "-Dquarkus.http.port=" + httpPort,
        "-Dapicurio.datasource.url=jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db"),
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
    URI url = URI.create("http://127.0.0.1:" + httpPort);
    LocalRegistry registry = new LocalRegistry(process, url, logFile);
    registry.awaitReady();
    Ports.remember(portFile, "registry", httpPort);
    LOG.info("Local Apicurio Registry ready at {} (schemas in {}, log {}) after {} ms", url, dataDir, logFile,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return registry;
  }

  /** The registry's base URL; the Confluent-compatible API is under /apis/ccompat/v7. */
  public URI url() {
    return url;
  }

  @Override
  public void close() {
    LOG.info("Stopping the local Apicurio Registry at {}", url);
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        LOG.warn("Apicurio Registry did not stop within 30 s; killing it");
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
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
