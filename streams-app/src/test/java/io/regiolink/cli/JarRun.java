package io.regiolink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import io.regiolink.testing.PackagedJar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The packaged jar run as a user runs it, {@code java -jar regiolink.jar ARGS}, in its own process. */
final class JarRun {
  final Process process;
  final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  final Thread pump;

  private JarRun(Process process, String readyMarker, CountDownLatch ready) {
    this.process = process;
    this.pump = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          lines.add(line);
          System.out.println("jar> " + line);
          if (line.contains(readyMarker)) {
            ready.countDown();
          }
        }
      } catch (IOException closed) {
        // The pipe closes when the process exits.
      }
    }, "jar-output");
    pump.start();
  }

  /**
   * Starts the jar in {@code workDir} with {@code args} and the extra environment, and waits for a
   * line containing readyMarker. Since tests run outside the checkout, the environment also says
   * where the registry distribution is.
   */
  static JarRun start(Path workDir, List<String> args, Map<String, String> environment, String readyMarker)
      throws Exception {
    ProcessBuilder builder = PackagedJar.builder(workDir, args);
    builder.environment().putAll(environment);
    CountDownLatch ready = new CountDownLatch(1);
    JarRun run = new JarRun(builder.start(), readyMarker, ready);
    try {
      assertThat(ready.await(180, TimeUnit.SECONDS)).as("'%s' within 180 s; output:%n%s", readyMarker, run.output()).isTrue();
      assertThat(run.process.isAlive()).isTrue();
      return run;
    } catch (AssertionError | InterruptedException e) {
      run.kill();
      throw e;
    }
  }

  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** Until a line containing {@code text} has been printed, or the timeout passes. */
  boolean awaitLine(String text, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (output().contains(text)) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  /** SIGTERM, the same shutdown path as Ctrl-C; through the handle, because Process.destroy() also closes our end of the pipe. */
  void stop() throws Exception {
    process.toHandle().destroy();
    boolean stopped = process.waitFor(60, TimeUnit.SECONDS);
    pump.join(10_000);
    if (!stopped) {
      kill();
    }
    assertThat(stopped).as("stops within 60 s").isTrue();
  }

  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
