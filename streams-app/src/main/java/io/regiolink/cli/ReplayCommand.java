package io.regiolink.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.formats.BulkCompanyData;
import io.regiolink.formats.LineProblem;
import io.regiolink.replay.InputProducer;
import io.regiolink.replay.ProcessingLag;
import io.regiolink.replay.ProgressBar;
import io.regiolink.replay.Replayer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Produces input files into a running demo (found through its state directory) or a given cluster. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Produce input files into the input topics.",
        "Company profiles as Companies House stream NDJSON or bulk snapshots (BasicCompanyData CSV or zip),",
        "trading sites as CSV or NDJSON. Bad lines are",
        "reported as file:line: reason and skipped. Without --bootstrap-servers it sends to the demo",
        "running on --state-dir."})
public final class ReplayCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin ConfigOptions options = new ConfigOptions();

  @Option(names = "--profiles", paramLabel = "FILE", description = "Company profile events, one NDJSON line each. Repeatable.")
  List<Path> profiles = new ArrayList<>();

  @Option(names = "--bulk", paramLabel = "FILE", arity = "1..*", description = "A Companies House BasicCompanyData "
      + "snapshot, .csv or .zip: one file or all its parts (sent in name order). Mapped as the bulk connector maps it.")
  List<Path> bulk = new ArrayList<>();

  @Option(names = "--bulk-date", paramLabel = "YYYY-MM-DD", description = "The snapshot's date, the event time of "
      + "its rows. Default: the date in each file's name (BasicCompanyData-2026-11-01-part1_7.zip).")
  LocalDate bulkDate;

  @Option(names = "--bulk-timepoint", paramLabel = "N", defaultValue = "0", description = "The stream timepoint the "
      + "snapshot corresponds to (as the connector's bulk.timepoint), so later stream events win. Default: ${DEFAULT-VALUE}.")
  long bulkTimepoint;

  @Option(names = "--sites", paramLabel = "FILE", description = "Trading-site lists, .csv or NDJSON. Repeatable.")
  List<Path> sites = new ArrayList<>();

  @Option(names = "--rejects", paramLabel = "FILE", description = "Also write every bad line here, as NDJSON.")
  Path rejects;

  @Option(names = "--max-reported", paramLabel = "N", defaultValue = "20",
      description = "How many bad lines to print (all go to --rejects). Default: ${DEFAULT-VALUE}.")
  int maxReported;

  @Option(names = "--await-counted", description = "After sending, wait until the application (application.id) has counted everything, and report the end-to-end rate.")
  boolean awaitCounted;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (profiles.isEmpty() && sites.isEmpty() && bulk.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "Give at least one --profiles, --bulk or --sites file.");
    }
    for (Path file : concat(concat(profiles, bulk), sites)) {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("Cannot read " + file.toAbsolutePath() + ": check the path.");
      }
    }
    // Every snapshot's date is known before anything is sent, so a bad name never leaves half a load.
    Map<Path, Instant> snapshotTimes = new LinkedHashMap<>();
    for (Path file : bulk.stream().sorted().toList()) {
      LocalDate date = bulkDate != null ? bulkDate : BulkCompanyData.dateInName(file.getFileName().toString())
          .orElseThrow(() -> new IllegalArgumentException("Cannot tell the snapshot date of " + file.getFileName()
              + ": its name holds no YYYY-MM-DD date. Pass --bulk-date, e.g. --bulk-date 2026-11-01."));
      snapshotTimes.put(file, BulkCompanyData.publishedAt(date));
    }
    RegiolinkConfig config = ClientAddresses.resolve(options.load(System.getenv()));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<LineProblem> reported = new ArrayList<>();
    AtomicLong problemCount = new AtomicLong();
    BufferedWriter rejectsOut = rejects == null ? null : Files.newBufferedWriter(rejects, StandardCharsets.UTF_8);
    long started = System.nanoTime();
    List<Replayer.Summary> summaries = new ArrayList<>();
    try (Replayer replayer = new Replayer(
        new InputProducer(config.kafkaClientSettings(), config.requireRegistryUrl()), problem -> {
      problemCount.incrementAndGet();
      if (reported.size() < maxReported) {
        reported.add(problem);
        err.println(problem);
        err.flush();
      }
      if (rejectsOut != null) {
        write(rejectsOut, problem);
      }
    }, Clock.systemUTC())) {
      for (Path file : profiles) {
        summaries.add(replayer.profiles(file));
        out.println("  " + summaries.get(summaries.size() - 1));
        out.flush();
      }
      for (Map.Entry<Path, Instant> snapshot : snapshotTimes.entrySet()) {
        Path file = snapshot.getKey();
        ProgressBar bar = ProgressBar.onConsole(out, file.getFileName().toString());
        summaries.add(replayer.bulk(file, snapshot.getValue(), bulkTimepoint,
            (rows, read, size) -> bar.update(read, size, String.format("%,d rows", rows))));
        bar.finish(1, 1, summaries.get(summaries.size() - 1).toString());
      }
      for (Path file : sites) {
        summaries.add(replayer.sites(file));
        out.println("  " + summaries.get(summaries.size() - 1));
        out.flush();
      }
    } finally {
      if (rejectsOut != null) {
        rejectsOut.close();
      }
    }
    long sent = summaries.stream().mapToLong(Replayer.Summary::sent).sum();
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf("Replayed %,d records to %s in %.1f s (%,.0f records/s); %,d bad line(s) skipped%s.%n", sent,
        config.requireBootstrapServers(), seconds, sent / Math.max(seconds, 1e-3), problemCount.get(),
        problemCount.get() > reported.size() ? " (first " + reported.size() + " shown" + (rejects == null ? "; --rejects FILE keeps all" : "") + ")" : "");
    if (rejects != null) {
      out.println("Bad lines written to " + rejects.toAbsolutePath());
    }
    out.flush();
    if (awaitCounted) {
      try (ProcessingLag lag = ProcessingLag.ofRegiolink(config.kafkaClientSettings(), config.applicationId())) {
        ProcessingLag.Behind behind;
        while ((behind = lag.behind()).total() > 0) {
          out.printf("  application %s: %s records still to count (%s)%n", config.applicationId(),
              behind.anyCommitted() ? String.format("%,d", behind.total()) : "all", behind);
          out.flush();
          Thread.sleep(2000);
        }
      }
      double total = (System.nanoTime() - started) / 1e9;
      out.printf("Counted by application %s: %,d records in %.1f s from the first send (%,.0f records/s end to end).%n",
          config.applicationId(), sent, total, sent / Math.max(total, 1e-3));
      out.flush();
    }
    return 0;
  }

  private static void write(BufferedWriter writer, LineProblem problem) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("origin", problem.file() + ":" + problem.line());
    line.put("reason_code", problem.code().name());
    line.put("reason", problem.reason());
    line.put("line", problem.text());
    try {
      writer.write(JSON.writeValueAsString(line));
      writer.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> concat(List<Path> a, List<Path> b) {
    List<Path> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
