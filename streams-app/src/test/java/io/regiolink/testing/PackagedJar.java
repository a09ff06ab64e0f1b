package io.regiolink.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged app as users run it, {@code java -jar regiolink.jar ...}, for tests that start it as
 * a process of its own: the jar failsafe was given, this JVM's java, and (since tests run outside
 * the checkout) the registry distribution the build unpacked.
 */
public final class PackagedJar {
  private PackagedJar() {}

  /** What a finished run printed (standard output and error together) and its exit code. */
  public record Finished(int exitCode, String output) {}

  public static Path path() {
    Path jar = Path.of(System.getProperty("regiolink.jar", "target/regiolink.jar")).toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException("No packaged app at " + jar + ": run 'mvn package' (failsafe runs after it)");
    }
    return jar;
  }

  /** {@code java JVM_ARGS -jar regiolink.jar ARGS}. */
  public static List<String> command(List<String> jvmArgs, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(List.of("-jar", path().toString()));
    command.addAll(args);
    return command;
  }

  /** The jar with these arguments in {@code dir}, its output and errors on one stream. */
  public static ProcessBuilder builder(Path dir, List<String> args) {
    ProcessBuilder builder = new ProcessBuilder(command(List.of(), args)).directory(dir.toFile())
        .redirectErrorStream(true);
    String registryHome = System.getProperty("regiolink.registry.home");
    if (registryHome != null) {
      builder.environment().put("REGIOLINK_REGISTRY_HOME", registryHome);
    }
    return builder;
  }

  /** Runs a command that ends by itself (within a minute) and returns what it printed. */
  public static Finished run(Path dir, String... args) throws IOException, InterruptedException {
    Process process = builder(dir, List.of(args)).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("regiolink " + String.join(" ", args) + " still running after 60 s:\n" + output);
    }
    return new Finished(process.exitValue(), output);
  }
}
