package io.regiolink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.embedded.DemoAddresses;
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
  void theJarWithNoArgumentsStartsTheDemoAndStopsCleanlyOnSignal() throws Exception {
    Path jar = Path.of(System.getProperty("regiolink.jar", "target/regiolink.jar")).toAbsolutePath();
    assertThat(jar).exists();
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
        .directory(workDir.toFile()).redirectErrorStream(true);
    // No arguments at all is the demo. The registry location comes through the environment only
    // because this test runs from a temporary directory instead of the checkout.
    String registryHome = System.getProperty("regiolink.registry.home");
    if (registryHome != null) {
      builder.environment().put("REGIOLINK_REGISTRY_HOME", registryHome);
    }
    Process demo = builder.start();
    List<String> output = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch bannerShown = new CountDownLatch(1);
    Thread pump = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          output.add(line);
          System.out.println("demo> " + line);
          if (line.contains("Press Ctrl-C to stop.")) {
            bannerShown.countDown();
          }
        }
      } catch (IOException closed) {
        // The pipe closes when the process exits.
      }
    }, "demo-output");
    pump.start();
    try {
      assertThat(bannerShown.await(120, TimeUnit.SECONDS)).as("banner within 120 s; output:%n%s", output).isTrue();
      assertThat(demo.isAlive()).isTrue();
      String banner = String.join("\n", output);
      assertThat(banner).contains("Kafka bootstrap servers : 127.0.0.1:").contains("Schema registry         : http://127.0.0.1:")
          .contains("Topics                  : 6 created").contains("regiolink.links.v1-value");

      Path stateDir = workDir.resolve(".regiolink");
      DemoAddresses addresses = DemoAddresses.read(stateDir);
      assertThat(banner).contains(addresses.bootstrapServers()).contains(addresses.registryUrl().toString());
      List<ProcessHandle> children = demo.descendants().toList();
      assertThat(children).as("the registry runs as a child process").isNotEmpty();

      // SIGTERM, the same shutdown path as Ctrl-C. Through the handle, because Process.destroy()
      // also closes our end of the output pipe and the shutdown lines would be lost.
      demo.toHandle().destroy();
      assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("demo stops within 60 s").isTrue();
      pump.join(10_000);
      assertThat(String.join("\n", output)).contains("Stopping the demo").contains("Stopping the local Apicurio Registry")
          .contains("Stopping the local Kafka broker");
      assertThat(Files.exists(DemoAddresses.file(stateDir))).as("demo.properties removed on stop").isFalse();
      for (ProcessHandle child : children) {
        child.onExit().get(30, TimeUnit.SECONDS);
        assertThat(child.isAlive()).as("registry child stopped with the demo").isFalse();
      }
    } finally {
      demo.descendants().forEach(ProcessHandle::destroyForcibly);
      demo.destroyForcibly();
    }
  }
}
