package io.regiolink.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's small preset as the README tells users to run it ('java -jar
 * bench/target/regiolink-bench.jar'), so CI runs the documented command: every pipeline's counts
 * must equal the reference recount (the bench exits 1 otherwise). Timings are printed, never
 * asserted.
 */
class BenchSmallIT {
  @TempDir Path out;

  @Test
  void theSmallPresetRunsFromItsJarAndEveryPipelineMatchesTheRecount() throws Exception {
    long seed = System.nanoTime();
    System.out.println("BenchSmallIT seed " + seed);
    Path log = out.resolve("bench.log");
    Process bench = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dregiolink.registry.home=" + System.getProperty("regiolink.registry.home"),
        "-jar", System.getProperty("regiolink.bench.jar"), "--preset", "small", "--seed", Long.toString(seed),
        "--out", out.toString(), "--app-jar", System.getProperty("regiolink.jar"), "--steady-seconds", "3")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean ended = bench.waitFor(15, TimeUnit.MINUTES);
    String stuck = ended ? "" : whereItIs(bench);
    if (!ended) {
      bench.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      bench.destroyForcibly();
    }
    String printed = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(printed.lines().filter(l -> !l.contains(" INFO ")).reduce("", (a, b) -> a + b + "\n"));
    assertThat(ended).as("the bench ended within 15 minutes; its output:\n" + printed + stuck).isTrue();
    assertThat(bench.exitValue()).as("bench exit code; its output:\n" + printed).isZero();

    JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
    List<String> figures = new ArrayList<>();
    result.path("table").forEach(row -> figures.add(row.path("figure").asText()));
    // One table: the rates first, then freshness, query latency, memory and disk.
    assertThat(figures).containsExactly("ceiling", "ceiling, stored uncompressed", "regiolink",
        "textbook Kafka Streams (a)", "Flink (peer b)", "duckdb batch recount", "core", "HashMap recount",
        "freshness to topic", "freshness to a point query", "query: point", "query: region", "query: matrix itl1",
        "query: matrix lad", "query: hubs lad", "app peak RSS", "app state dir", "broker disk");
    assertThat(printed).contains("| freshness to topic").contains("| app peak RSS");
    // links and regions topics, the index (matrix), the links store (direction=out), nothing rejected
    // (GET /coverage), the topic after the steady phase
    assertThat(result.path("regiolinkChecks")).hasSize(6);
    assertThat(result.path("failures")).isEmpty();
    int measured = result.path("freshness").path("topic").path("count").asInt();
    assertThat(measured).isPositive();
    // Every change followed is in freshness.csv, the warm-up's too, which the percentiles leave out.
    long followed = Files.readAllLines(out.resolve("freshness.csv")).stream().filter(l -> l.startsWith("topic,")).count();
    assertThat(followed).isGreaterThan(measured);
    assertThat(result.path("memory").path("appPeakRssBytes").asLong()).isPositive();
    // Without --keep-work the run's data is gone and its logs stay.
    try (var left = Files.walk(out.resolve("work"))) {
      List<Path> files = left.filter(Files::isRegularFile).toList();
      assertThat(files).allMatch(f -> f.toString().endsWith(".log")).anyMatch(f -> f.endsWith("regiolink.log"));
    }
  }

  /** For a bench that did not end: its threads, and the end of each of its processes' logs. */
  private String whereItIs(Process bench) throws Exception {
    StringBuilder where = new StringBuilder("\n--- the bench's threads ---\n");
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(bench.pid()), "Thread.print").redirectErrorStream(true).start();
    if (jcmd.waitFor(30, TimeUnit.SECONDS)) {
      where.append(new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } else {
      jcmd.destroyForcibly();
      where.append("(jcmd did not answer within 30 s)\n");
    }
    try (var logs = Files.list(out.resolve("work"))) {
      for (Path childLog : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        List<String> lines = new String(Files.readAllBytes(childLog), StandardCharsets.UTF_8).lines().toList();
        where.append("\n--- the end of ").append(childLog.getFileName()).append(" ---\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
      }
    }
    return where.toString();
  }
}
