package io.regiolink.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The benchmark's small preset, as CI runs it: every pipeline's counts must equal the reference
 * recount (the bench exits 1 otherwise). Timings are printed, never asserted.
 */
class BenchSmallIT {
  @TempDir Path out;

  @Test
  void theSmallPresetRunsAndEveryPipelineMatchesTheRecount() throws Exception {
    long seed = System.nanoTime();
    System.out.println("BenchSmallIT seed " + seed);
    StringWriter printed = new StringWriter();
    CommandLine cli = new CommandLine(new Bench()).setOut(new PrintWriter(printed)).setErr(new PrintWriter(printed));
    int exit = cli.execute("--preset", "small", "--seed", Long.toString(seed), "--out", out.toString(),
        "--app-jar", System.getProperty("regiolink.jar"), "--steady-seconds", "3");
    System.out.println(printed);
    assertThat(exit).as("bench exit code; its output:\n" + printed).isZero();

    JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
    List<String> figures = new ArrayList<>();
    result.path("table").forEach(row -> figures.add(row.path("figure").asText()));
    assertThat(figures).contains("ceiling", "regiolink", "duckdb batch recount", "core (1 thread)");
    assertThat(result.path("regiolinkChecks")).hasSize(4);
    assertThat(result.path("freshness").path("topic").path("count").asInt()).isPositive();
    assertThat(result.path("memory").path("appPeakRssBytes").asLong()).isPositive();
  }
}
