package io.regiolink.cli;

import io.regiolink.app.RegiolinkConfig;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Applies memory.total's heap to 'demo' and 'run': a JVM's maximum heap is fixed at start, so
 * when this one was started without -Xmx and its heap differs from the budget's, the command is
 * run again in a child JVM with the right -Xmx, with this process's console, and this one only
 * waits for it (and passes Ctrl-C or SIGTERM on). Started with -Xmx, or from class directories
 * (tests, an IDE), the command runs here as it is.
 */
final class HeapLauncher {
  /**
   * A system property set in the child, so it never starts another (not an environment variable:
   * REGIOLINK_* variables are configuration keys).
   */
  static final String RELAUNCHED = "regiolink.relaunched";
  private static final Logger LOG = LoggerFactory.getLogger(HeapLauncher.class);

  private HeapLauncher() {}

  /** Empty: go on in this JVM; otherwise the exit code of the child that ran the command. */
  static OptionalInt runWithBudgetHeap(RegiolinkConfig config, CommandSpec command) {
    var parsed = command.root().commandLine().getParseResult();
    return runWithBudgetHeap(config, parsed == null ? List.of() : parsed.originalArgs());
  }

  private static OptionalInt runWithBudgetHeap(RegiolinkConfig config, List<String> originalArgs) {
    long wanted = config.streams().memory().heapBytes();
    long have = Runtime.getRuntime().maxMemory();
    List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
    String classPath = System.getProperty("java.class.path", "");
    boolean heapGiven = jvmArgs.stream().anyMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxHeapSize")
        || a.startsWith("-XX:MaxRAM"));
    boolean fromJar = classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator);
    if (System.getProperty(RELAUNCHED) != null || heapGiven || !fromJar || Math.abs(have - wanted) < wanted / 20) {
      if (heapGiven && have > wanted * 1.05) {
        LOG.warn("The JVM heap (-Xmx, {} MB) is larger than memory.total's heap share ({} MB): the process may use "
            + "more than memory.total", have >> 20, wanted >> 20);
      }
      return OptionalInt.empty();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-Xmx" + (wanted >> 20) + "m");
    command.add("-D" + RELAUNCHED + "=true");
    command.addAll(List.of("-cp", classPath, RegiolinkCli.class.getName()));
    command.addAll(originalArgs);
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    LOG.debug("Restarting with -Xmx{}m (memory.total {} MB): {}", wanted >> 20, config.streams().memory().totalBytes() >> 20,
        command);
    try {
      Process child = builder.start();
      Thread forward = new Thread(() -> stop(child), "regiolink-stop-child");
      Runtime.getRuntime().addShutdownHook(forward);
      int exit = child.waitFor();
      try {
        Runtime.getRuntime().removeShutdownHook(forward);
      } catch (IllegalStateException shuttingDown) {
        // Already stopping: the hook is running and waits for the child itself.
      }
      return OptionalInt.of(exit);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot restart with the heap of memory.total (-Xmx" + (wanted >> 20) + "m): "
          + e.getMessage() + ". Start java with -Xmx yourself to skip the restart.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.of(130);
    }
  }

  private static void stop(Process child) {
    if (!child.isAlive()) {
      return;
    }
    child.destroy();
    try {
      if (!child.waitFor(60, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    } catch (InterruptedException e) {
      child.destroyForcibly();
    }
  }
}
