package io.regiolink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.embedded.DemoAddresses;
import io.regiolink.testing.Api;
import io.regiolink.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as a user runs it: the packaged jar with no arguments starts the
 * embedded default, prints where things listen, and stops cleanly on a signal (as on Ctrl-C). It
 * starts again on its state directory after a clean stop and after being killed outright.
 */
class DemoJarIT {

  @TempDir Path workDir;

  @Test
  void theJarWithNoArgumentsRunsTheDemoStopsCleanlyOnSignalAndResumesItsSampleOnRestartEvenAfterAKill() throws Exception {
    JarRun first = startDemo(workDir);
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

    JarRun second = startDemo(workDir);
    assertThat(second.output())
        .contains("Topics                  : 0 created, 6 already there")
        .contains("already loaded; resuming the trickle at simulated day " + (daysSent + 1))
        .doesNotContain("Loading sample register")
        .contains("(day " + (daysSent + 1) + ")");

    // Killed outright (kill -9, the OOM killer): no shutdown hook runs, and the registry the demo
    // started lives on, holding the schema database. The next start must still come up.
    ProcessHandle registry = second.process.descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("apicurio-registry-app")).findFirst().orElseThrow();
    ProcessHandle demo = registry.parent().orElseThrow();
    demo.destroyForcibly();
    demo.onExit().get(30, TimeUnit.SECONDS);
    second.process.waitFor(30, TimeUnit.SECONDS);
    assertThat(registry.isAlive()).as("the registry outlives a demo killed with SIGKILL").isTrue();

    try {
      JarRun third = startDemo(workDir);
      assertThat(third.output()).contains("Apicurio Registry pid " + registry.pid() + " was left running on");
      assertThat(registry.isAlive()).as("the left-over registry was stopped").isFalse();
      Api restarted = new Api(DemoAddresses.read(stateDir).httpUrl().toString());
      // Under exactly-once, stores the killed run left without a checkpoint are rebuilt from their changelogs first.
      Awaitility.await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(
          restarted.json("/api/v1/companies/ZZ000001").get("name").asText()).contains("SYNTHETIC SAMPLE"));
      third.stop();
    } finally {
      registry.destroyForcibly(); // no longer our descendant: never leave it running if the above failed
    }
  }

  /**
   * No arguments: the demo. The environment only makes it small and quick (a 300-company sample, a
   * simulated day per second) and picks a free HTTP port.
   */
  private static JarRun startDemo(Path workDir) throws Exception {
    return JarRun.start(workDir, List.of(), Map.of("REGIOLINK_SAMPLE_COMPANIES", "300", "REGIOLINK_SAMPLE_DAY", "PT1S",
        "REGIOLINK_HTTP_PORT", Integer.toString(TestConfigs.freePort())), "Simulated ");
  }
}
