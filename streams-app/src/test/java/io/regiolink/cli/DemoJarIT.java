package io.regiolink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.embedded.DemoAddresses;
import io.regiolink.testing.Api;
import io.regiolink.testing.TestConfigs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as a user runs it: the packaged jar with no arguments starts the
 * embedded default, prints where things listen, and stops cleanly on a signal (as on Ctrl-C).
 */
class DemoJarIT {

  @TempDir Path workDir;

  @Test
  void theJarWithNoArgumentsRunsTheDemoStopsCleanlyOnSignalAndResumesItsSampleOnRestart() throws Exception {
    Demo first = Demo.start(workDir, "Simulated ");
    String banner = first.output();
    assertThat(banner).contains("Kafka bootstrap servers : 127.0.0.1:").contains("Schema registry         : http://127.0.0.1:")
        .contains("Topics                  : 6 created").contains("regiolink.links.v1-value")
        .contains("Sample register loaded: 300 synthetic companies").contains("(day 1)");
    Path stateDir = workDir.resolve(".regiolink");
    DemoAddresses addresses = DemoAddresses.read(stateDir);
    assertThat(banner).contains(addresses.bootstrapServers()).contains(addresses.registryUrl().toString());
    assertThat(banner).contains("HTTP API: " + addresses.httpUrl() + "/api/v1").contains("Dashboard: " + addresses.httpUrl() + "/");
    Api api = new Api(addresses.httpUrl().toString());
    assertThat(api.json("/health").get("status").asText()).isEqualTo("UP");
    assertThat(api.json("/api/v1/schemes").get("dataset").get("kind").asText()).isEqualTo("synthetic-sample");
    assertThat(api.json("/api/v1/companies/ZZ000001").get("name").asText()).contains("SYNTHETIC SAMPLE");
    List<ProcessHandle> children = first.process.descendants().toList();
    assertThat(children).as("the registry runs as a child process").isNotEmpty();

    first.stop();
    assertThat(first.output()).contains("Stopping the demo").contains("Stopping the local Apicurio Registry")
        .contains("Stopping the local Kafka broker");
    assertThat(Files.exists(DemoAddresses.file(stateDir))).as("demo.properties removed on stop").isFalse();
    for (ProcessHandle child : children) {
      child.onExit().get(30, TimeUnit.SECONDS);
      assertThat(child.isAlive()).as("registry child stopped with the demo").isFalse();
    }
    int daysSent = Integer.parseInt(java.util.regex.Pattern.compile("days=(\\d+)")
        .matcher(Files.readString(stateDir.resolve("sample.properties"))).results().findFirst().orElseThrow().group(1));
    assertThat(daysSent).isGreaterThanOrEqualTo(1);

    Demo second = Demo.start(workDir, "Simulated ");
    second.stop();
    assertThat(second.output())
        .contains("Topics                  : 0 created, 6 already there")
        .contains("already loaded; resuming the trickle at simulated day " + (daysSent + 1))
        .doesNotContain("Loading sample register")
        .contains("(day " + (daysSent + 1) + ")");
  }

  /** The packaged jar run as a user runs it, in its own process. */
  private static final class Demo {
    final Process process;
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final Thread pump;

    private Demo(Process process, String readyMarker, CountDownLatch ready) {
      this.process = process;
      this.pump = new Thread(() -> {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = reader.readLine()) != null) {
            lines.add(line);
            System.out.println("demo> " + line);
            if (line.contains(readyMarker)) {
              ready.countDown();
            }
          }
        } catch (IOException closed) {
          // The pipe closes when the process exits.
        }
      }, "demo-output");
      pump.start();
    }

    /** Starts {@code java -jar regiolink.jar} with no arguments and waits for a line containing readyMarker. */
    static Demo start(Path workDir, String readyMarker) throws Exception {
      Path jar = Path.of(System.getProperty("regiolink.jar", "target/regiolink.jar")).toAbsolutePath();
      assertThat(jar).exists();
      ProcessBuilder builder = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
          .directory(workDir.toFile()).redirectErrorStream(true);
      // No arguments: the demo. The environment only makes it small and quick (a 300-company
      // sample, a simulated day per second), picks a free HTTP port, and, since the test runs
      // outside the checkout, says where the registry distribution is.
      builder.environment().put("REGIOLINK_SAMPLE_COMPANIES", "300");
      builder.environment().put("REGIOLINK_SAMPLE_DAY", "PT1S");
      builder.environment().put("REGIOLINK_HTTP_PORT", Integer.toString(TestConfigs.freePort()));
      String registryHome = System.getProperty("regiolink.registry.home");
      if (registryHome != null) {
        builder.environment().put("REGIOLINK_REGISTRY_HOME", registryHome);
      }
      CountDownLatch ready = new CountDownLatch(1);
      Demo demo = new Demo(builder.start(), readyMarker, ready);
      try {
        assertThat(ready.await(180, TimeUnit.SECONDS)).as("'%s' within 180 s; output:%n%s", readyMarker, demo.output()).isTrue();
        assertThat(demo.process.isAlive()).isTrue();
        return demo;
      } catch (AssertionError | InterruptedException e) {
        demo.kill();
        throw e;
      }
    }

    String output() {
      synchronized (lines) {
        return String.join("\n", lines);
      }
    }

    /** SIGTERM, the same shutdown path as Ctrl-C; through the handle, because Process.destroy() also closes our end of the pipe. */
    void stop() throws Exception {
      process.toHandle().destroy();
      boolean stopped = process.waitFor(60, TimeUnit.SECONDS);
      pump.join(10_000);
      if (!stopped) {
        kill();
      }
      assertThat(stopped).as("demo stops within 60 s").isTrue();
    }

    void kill() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
