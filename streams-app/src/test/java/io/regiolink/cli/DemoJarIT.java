package io.regiolink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.embedded.DemoAddresses;
import io.regiolink.testing.Api;
import io.regiolink.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    second.stop();
    assertThat(second.output())
        .contains("Topics                  : 0 created, 6 already there")
        .contains("already loaded; resuming the trickle at simulated day " + (daysSent + 1))
        .doesNotContain("Loading sample register")
        .contains("(day " + (daysSent + 1) + ")");
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
