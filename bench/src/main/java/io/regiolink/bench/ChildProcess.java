package io.regiolink.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A JVM the bench starts (broker, app): its output goes to a log file, and its peak memory is read from /proc. */
final class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static ChildProcess start(String name, List<String> command, Path log) {
    try {
      Files.createDirectories(log.getParent());
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
      return new ChildProcess(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the " + name + " process: " + command, e);
    }
  }

  /** java with this JVM's binary and the bench's own class path. */
  static List<String> java(String heap, String mainClass, String... args) {
    return java(heap, List.of(), mainClass, args);
  }

  /** java with this JVM's binary, the given jars first, then the bench's own class path. */
  static List<String> java(String heap, List<Path> first, String mainClass, String... args) {
    List<String> classPath = new ArrayList<>();
    first.forEach(jar -> classPath.add(jar.toString()));
    classPath.add(System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
        "-cp", String.join(File.pathSeparator, classPath), mainClass));
    command.addAll(List.of(args));
    return command;
  }

  /** Waits for a line of the log that matches, failing with the log's tail if the process dies first. */
  String awaitLine(Predicate<String> matches, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : lines()) {
        if (matches.test(line)) {
          return line;
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("The " + name + " process ended (exit " + process.exitValue() + ") before it was ready; "
            + "its log " + log + " ends:\n" + tail(20));
      }
      sleep(200);
    }
    throw new IllegalStateException("The " + name + " process was not ready within " + timeout.toSeconds() + " s; its log "
        + log + " ends:\n" + tail(20));
  }

  private List<String> lines() {
    try {
      return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  String tail(int count) {
    List<String> lines = lines();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }

  long pid() {
    return process.pid();
  }

  /** Peak resident memory so far (VmHWM), in bytes; -1 where /proc does not say. */
  long peakRssBytes() {
    try (BufferedReader status = Files.newBufferedReader(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      String line;
      while ((line = status.readLine()) != null) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // Already closed; the signal below stops it.
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

}
