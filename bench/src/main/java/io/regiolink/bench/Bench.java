package io.regiolink.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.config.ConfigLoader;
import io.regiolink.embedded.BuildInfo;
import io.regiolink.embedded.LocalRegistry;
import io.regiolink.embedded.RegistryDistribution;
import io.regiolink.footprint.FootprintRules;
import io.regiolink.geo.Geography;
import io.regiolink.links.ReferenceModel;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.replay.ProcessingLag;
import io.regiolink.sector.SectorClassifier;
import io.regiolink.testing.Cleanup;
import io.regiolink.testing.TestConfigs;
import io.regiolink.topics.TopicSpec;
import io.regiolink.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.openjdk.jmh.runner.RunnerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * regiolink's benchmark: one seeded workload, every figure measured in one run on this machine,
 * every pipeline's result checked against the reference model's recount. See the README's
 * Performance section for what each figure means.
 */
@Command(name = "regiolink-bench", mixinStandardHelpOptions = true,
    description = {"Measure regiolink against a pass-through ceiling and its peers on one seeded workload.",
        "Starts its own broker (a separate JVM), registry and regiolink app (a separate JVM), prints one",
        "table and writes OUT/result.json. Exits 1 if any pipeline's counts differ from the reference recount."})
public final class Bench implements Callable<Integer> {
  static final Set<String> COUNTED = Set.of("active");
  static final int PARTITIONS = 4;
  /** Records sent through the broker before the ceiling is measured. */
  static final int WARMUP_RECORDS = 300_000;
  /** How a rate's row starts when its pipeline's output differed from the recount. */
  private static final String COUNTS_DIFFER = "COUNTS DIFFER (see the end of the output); ";

  /**
   * Workload sizes: companies, then changes (moves, new site lists, status changes, duplicates,
   * stale events), then the steady phase's rate and length. 60 s for 1m and uk: their first half
   * follows 300 changes through queries, and a p99 of 150 (30 s) was the second-slowest probe.
   */
  enum Preset {
    SMALL(2_000, 3_000, 200, 3),
    ONE_M(1_000_000, 500_000, 2_000, 60),
    UK(5_500_000, 2_000_000, 2_000, 60);

    final int companies;
    final long changes;
    final int steadyRate;
    final int steadySeconds;

    Preset(int companies, long changes, int steadyRate, int steadySeconds) {
      this.companies = companies;
      this.changes = changes;
      this.steadyRate = steadyRate;
      this.steadySeconds = steadySeconds;
    }

    static Preset parse(String name) {
      return switch (name) {
        case "small" -> SMALL;
        case "1m" -> ONE_M;
        case "uk" -> UK;
        default -> throw new CommandLine.ParameterException(new CommandLine(new Bench()),
            "Unknown preset '" + name + "': use small, 1m or uk");
      };
    }
  }

  @Option(names = "--preset", defaultValue = "small", description = "small (CI), 1m or uk. Default: ${DEFAULT-VALUE}.")
  String preset;

  @Option(names = "--companies", description = "Companies (overrides the preset).")
  Integer companies;

  @Option(names = "--changes", description = "Changes after the register (overrides the preset).")
  Long changes;

  @Option(names = "--seed", defaultValue = "20261201", description = "Workload seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--out", defaultValue = "target/bench", description = "Output directory. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--app-jar", description = "The regiolink jar to measure (default: streams-app/target/regiolink.jar).")
  Path appJar;

  @Option(names = "--app-heap", description = "Maximum heap of the regiolink process and of the peers. Default: the heap"
      + " 'regiolink run' gives itself, memory.total's share (819m of the default 2g).")
  String appHeap;

  @Option(names = "--app-jvm-arg", paramLabel = "ARG", description = "Extra JVM argument of the regiolink process "
      + "(repeatable), e.g. -XX:StartFlightRecording=filename=app.jfr to profile it.")
  List<String> appJvmArgs = new ArrayList<>();

  @Option(names = "--app-set", paramLabel = "KEY=VALUE", description = "A regiolink setting for the measured app "
      + "(repeatable), passed as 'run --set KEY=VALUE'.")
  Map<String, String> appSettings = new LinkedHashMap<>();

  @Option(names = "--peers", split = ",", defaultValue = "textbook,flink",
      description = "Streaming peers to run on the same input (textbook, flink, or none). Default: ${DEFAULT-VALUE}.")
  Set<String> peers;

  @Option(names = "--steady-rate", description = "Events/s of the steady phase (freshness, queries under load).")
  Integer steadyRate;

  @Option(names = "--steady-seconds", description = "Length of the steady phase in seconds.")
  Integer steadySeconds;

  @Option(names = "--keep-work", description = "Keep the run's data under OUT/work (broker log, state directories, "
      + "DuckDB file: gigabytes on uk). By default only the processes' logs are left there.")
  boolean keepWork;

  @Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, Object> result = new LinkedHashMap<>();
  private final List<Row> rates = new ArrayList<>();
  // Freshness, query latency, memory and disk: printed after the rates, in the same table.
  private final List<Row> measures = new ArrayList<>();
  // Differences from the recount: each is printed when found and again at the end, after every
  // figure is measured and written, and makes the run exit 1. One pipeline's wrong counts must not
  // hide the others' figures.
  private final List<String> failures = new ArrayList<>();

  /** One line of the table: a figure, its value with its unit, its share of the ceiling (rates only), and how it was measured. */
  record Row(String figure, String value, String ofCeiling, String note) {}

  public static void main(String[] args) {
    System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES",
        System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.regiolink.avro"));
    System.exit(new CommandLine(new Bench()).setExecutionExceptionHandler((e, cli, parsed) -> {
      // A wrong count is the bench's verdict, not a crash: say it plainly, with what differs.
      cli.getErr().println((e instanceof Verify.CountsDiffer ? "FAILED: " : "regiolink-bench: ") + e.getMessage());
      return 1;
    }).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Preset p = Preset.parse(preset);
    int n = companies != null ? companies : p.companies;
    long c = changes != null ? changes : p.changes;
    int rate = steadyRate != null ? steadyRate : p.steadyRate;
    int seconds = steadySeconds != null ? steadySeconds : p.steadySeconds;
    PrintWriter say = spec.commandLine().getOut();
    Path work = out.toAbsolutePath().resolve("work");
    Cleanup.delete(work);
    Files.createDirectories(work);
    Path jar = appJar != null ? appJar : locateAppJar();
    result.put("machine", Machine.describe());
    result.put("commit", Machine.commit());
    // Every option as given (peers, app settings, JVM flags), then the sizes they came to.
    var parsed = spec.commandLine().getParseResult();
    result.put("command", ("regiolink-bench " + String.join(" ", parsed == null ? List.of() : parsed.originalArgs())).trim()
        + " (companies " + n + ", changes " + c + ", seed " + seed + ")");
    result.put("workload", Map.of("companies", n, "changes", c, "seed", seed, "steadyRate", rate, "steadySeconds", seconds));
    say.printf("regiolink bench: %,d companies, %,d changes, seed %d, app %s%n", n, c, seed, jar);
    say.flush();

    RegistryDistribution distribution = RegistryDistribution.locate(
        Optional.ofNullable(System.getProperty("regiolink.registry.home")).map(Path::of), BuildInfo.load().registryVersion());
    try (ChildProcess broker = ChildProcess.start("broker",
             ChildProcess.java("1g", BrokerProcess.class.getName(), work.resolve("kafka").toString()),
             work.resolve("broker.log"));
         LocalRegistry registry = LocalRegistry.start(distribution, work.resolve("registry"), 0, "384m")) {
      String bootstrap = broker.awaitLine(l -> l.startsWith("READY "), Duration.ofSeconds(120)).substring(6).trim();
      URI registryUrl = registry.url();
      AvroSerdes serdes = new AvroSerdes(registryUrl);
      KafkaIo kafka = new KafkaIo(bootstrap);
      Geography geography = Geography.load(List.of());

      // 1. The workload, encoded once; the reference model sees every record.
      long t0 = System.nanoTime();
      Workload workload = new Workload(seed, n, c);
      ReferenceModel model = new ReferenceModel(geography, COUNTED, Instant.now());
      kafka.createTopics(PARTITIONS, "bench.ceiling.profiles", "bench.ceiling.sites");
      EncodedInput input = EncodedInput.of(workload, serdes, Topics.PROFILES.name(), Topics.TRADING_SITES.name(), model);
      ReferenceModel.Counts expected = model.recount();
      say.printf("Workload: %,d records (%,d MB encoded), %,d links and %,d region summaries in the recount (%.1f s)%n",
          input.size(), input.bytes() >> 20, expected.links().size(), expected.regions().size(), seconds(t0));
      say.flush();
      result.put("input", Map.of("records", input.size(), "bytes", input.bytes(),
          "expectedLinks", expected.links().size(), "expectedRegions", expected.regions().size()));

      // 2. Ceiling: the same records through the same broker, produced and consumed read_committed,
      // after a warm-up pass (broker, clients and JIT cold made the first pass up to 3 times slower).
      kafka.createTopics(PARTITIONS, "bench.warmup.profiles", "bench.warmup.sites");
      Runs.ceiling(kafka, input.first(WARMUP_RECORDS), "bench.warmup.profiles", "bench.warmup.sites");
      double ceiling = Runs.ceiling(kafka, input, "bench.ceiling.profiles", "bench.ceiling.sites");
      row("ceiling", ceiling, 1.0, "produce + read_committed consume, no processing");
      say.printf("ceiling: %,.0f records/s%n", ceiling);
      say.flush();
      // The same again into topics stored as regiolink's public topics are (uncompressed, so that
      // clients without LZ4 read them): the broker then rewrites every LZ4 batch the producer sends.
      Map<String, String> publicStorage = new TreeMap<>(TopicSpec.publicStorage());
      kafka.createTopics(PARTITIONS, publicStorage, "bench.uncompressed.profiles", "bench.uncompressed.sites");
      double uncompressed = Runs.ceiling(kafka, input, "bench.uncompressed.profiles", "bench.uncompressed.sites");
      long lz4Bytes = topicBytes(work.resolve("kafka"), "bench.ceiling.");
      long plainBytes = topicBytes(work.resolve("kafka"), "bench.uncompressed.");
      row("ceiling, stored uncompressed", uncompressed, uncompressed / ceiling, String.format(
          "the same into topics stored as the public regiolink.* topics (%s): %,d KB on disk against %,d KB as sent (LZ4)",
          publicStorage, plainBytes >> 10, lz4Bytes >> 10));
      result.put("publicTopicStorage", Map.of("lz4Bytes", lz4Bytes, "uncompressedBytes", plainBytes,
          "ceilingUncompressed", uncompressed));
      say.printf("ceiling into uncompressed topics: %,.0f records/s; %,d KB on disk against %,d KB as LZ4%n",
          uncompressed, plainBytes >> 10, lz4Bytes >> 10);
      say.flush();

      // 3. regiolink, end to end, in its own JVM.
      Path appState = work.resolve("regiolink");
      int httpPort = TestConfigs.freePort();
      ConfigLoader appConfig = RegiolinkConfig.loader().flag("bootstrap.servers", bootstrap, "bench")
          .flag("registry.url", registryUrl.toString(), "bench").flag("application.id", "bench-regiolink", "bench")
          .flag("state.dir", appState.toString(), "bench").flag("http.port", Integer.toString(httpPort), "bench");
      appSettings.forEach((key, value) -> appConfig.flag(key, value, "--app-set " + key));
      RegiolinkConfig config = RegiolinkConfig.from(appConfig.load());
      // As 'regiolink run' starts itself (HeapLauncher), unless the command line says otherwise.
      String heap = appHeap != null ? appHeap : (config.streams().memory().heapBytes() >> 20) + "m";
      try (ChildProcess app = AppProcess.start(jar, heap, appJvmArgs, appSettings, config, work.resolve("regiolink.log"))) {
        Http http = new Http(URI.create("http://127.0.0.1:" + httpPort));
        AppProcess.awaitHealthy(app, http);
        long started = System.nanoTime();
        kafka.send(input, Topics.PROFILES.name(), Topics.TRADING_SITES.name());
        double sentAfter = seconds(started);
        try (ProcessingLag lag = regiolinkLag(bootstrap)) {
          Runs.awaitCounted(lag, app);
        }
        double elapsed = seconds(started);
        double counted = input.size() / elapsed;
        say.printf("regiolink: %,.0f records/s (%.2f of ceiling)%n", counted, counted / ceiling);
        say.flush();
        List<Verify.Checked> checks = new ArrayList<>();
        int failedBefore = failures.size();
        compared(() -> Verify.equal("regiolink links topic", expected.links(),
            Verify.linksTopic(kafka, serdes, Topics.LINKS.name()))).ifPresent(checks::add);
        compared(() -> Verify.equal("regiolink regions topic", expected.regions(),
            Verify.regionsTopic(kafka, serdes, Topics.REGIONS.name()))).ifPresent(checks::add);
        compared(() -> Verify.equal("regiolink links index (GET /matrix)", expected.links(),
            Verify.linksFromApi(http, schemes(expected), sectors(expected)))).ifPresent(checks::add);
        compared(() -> Verify.equal("regiolink links store (GET /links/{scheme}/{region}?direction=out)", expected.links(),
            Verify.linksOutFromApi(http, schemes(expected), sectors(expected)))).ifPresent(checks::add);
        compared(() -> Verify.equal("regiolink rejected records (GET /api/v1/coverage)", Map.of(),
            Verify.rejectedFromApi(http))).ifPresent(checks::add);
        say.println("regiolink counts compared with the reference recount, equal: " + checks);
        row("regiolink", counted, counted / ceiling, (failures.size() == failedBefore ? "" : COUNTS_DIFFER)
            + String.format("exactly_once_v2, sent in %.1f s, counted after %.1f s", sentAfter, elapsed));

        // 4. Steady input: freshness to the topic and to queries, and query latency while busy.
        Steady.Result steady = Steady.run(kafka, serdes, http, model, geography, workload, rate, seconds);
        result.put("freshness", Map.of("topic", steady.toTopic(), "query", steady.toQuery(), "rate", rate,
            "warmupSeconds", Steady.WARMUP.toSeconds()));
        result.put("queries", steady.queries());
        writeFreshness(out.resolve("freshness.csv"), steady.samples());
        try (ProcessingLag lag = regiolinkLag(bootstrap)) {
          Runs.awaitCounted(lag, app);
        }
        ReferenceModel.Counts afterSteady = model.recount();
        compared(() -> Verify.equal("regiolink links topic after the steady phase", afterSteady.links(),
            Verify.linksTopic(kafka, serdes, Topics.LINKS.name()))).ifPresent(checks::add);
        result.put("regiolinkChecks", checks);
        long stateBytes = sizeOf(appState);
        long brokerBytes = brokerDataBytes(work.resolve("kafka"));
        result.put("memory", Map.of("appPeakRssBytes", app.peakRssBytes(), "appHeap", heap,
            "stateDirBytes", stateBytes, "brokerDiskBytes", brokerBytes));
        latencyRow("freshness to topic", steady.toTopic(), 1e3, "s", Steady.topicMethod(steady, rate));
        latencyRow("freshness to a point query", steady.toQuery(), 1e3, "s", Steady.queryMethod(steady, rate));
        steady.queries().forEach((kind, latency) -> latencyRow("query: " + kind, latency, 1, "ms", String.format(
            "p50 / p99 of %,d, one client looping over the five kinds while %,d changes/s arrive", latency.count(), rate)));
        measures.add(new Row("app peak RSS", mb(app.peakRssBytes()), "",
            "VmHWM of the regiolink process, -Xmx" + heap + "; the broker runs in another process"));
        measures.add(new Row("app state dir", mb(stateBytes), "", "its state directory after the steady phase"));
        measures.add(new Row("broker disk", mb(brokerBytes), "",
            "the broker's log directory without segment indexes: every pipeline's topics so far"));
        say.printf("freshness to topic %s, to query %s; app peak RSS %,d MB%n", steady.toTopic(), steady.toQuery(),
            app.peakRssBytes() >> 20);
        say.flush();
      }

      // 5. Peer (a): the textbook topology, in its own JVM, on its own copy of the input.
      if (peers.contains("textbook")) {
        kafka.createTopics(PARTITIONS, TextbookPeer.PROFILES, TextbookPeer.SITES, TextbookPeer.OUTPUT);
        // The peer sees the load only, not the steady phase: its output is compared with the recount of the load.
        PeerRun run = runPeer("textbook", ChildProcess.java(heap, TextbookPeer.class.getName(), bootstrap,
                registryUrl.toString(), work.resolve("textbook").toString()), work.resolve("textbook.log"), kafka, input,
            bootstrap, TextbookPeer.APPLICATION_ID, TextbookPeer.PROFILES, TextbookPeer.SITES,
            () -> Verify.equal("textbook peer links", expected.links(), TextbookPeer.links(kafka)));
        row("textbook Kafka Streams (a)", run.recordsPerSecond(), run.recordsPerSecond() / ceiling,
            run.verdict() + "KTable regrouped per scheme to the origin, adder/subtractor aggregate; peak RSS "
                + (run.peakRssBytes() >> 20) + " MB");
        say.printf("textbook peer: %,.0f records/s%n", run.recordsPerSecond());
        say.flush();
      }

      // 6. Peer (b): Apache Flink, in its own JVM, on its own copy of the input.
      if (peers.contains("flink")) {
        kafka.createTopics(PARTITIONS, FlinkPeer.PROFILES, FlinkPeer.SITES, FlinkPeer.OUTPUT);
        PeerRun run = runPeer("flink", FlinkPeer.command(heap, bootstrap, registryUrl.toString(), work.resolve("flink")),
            work.resolve("flink.log"), kafka, input, bootstrap, FlinkPeer.GROUP_ID, FlinkPeer.PROFILES, FlinkPeer.SITES,
            () -> FlinkPeer.awaitOutput(kafka, expected.links()));
        row("Flink (peer b)", run.recordsPerSecond(), run.recordsPerSecond() / ceiling, run.verdict() + String.format(
            "DataStream, RocksDB state, exactly-once checkpoints every %d s, parallelism %d; peak RSS %d MB",
            FlinkPeer.CHECKPOINT_INTERVAL.toSeconds(), FlinkPeer.PARALLELISM, run.peakRssBytes() >> 20));
        say.printf("flink peer: %,.0f records/s%n", run.recordsPerSecond());
        say.flush();
      }

      // 7. DuckDB recount of the final state.
      DuckDbRecount.Result duck = DuckDbRecount.run(Files.createDirectories(work.resolve("duckdb")), geography,
          model.latestProfiles(), model.latestSites(), COUNTED);
      compared(() -> Verify.equal("DuckDB recount", model.recount().links(), duck.links()));
      double duckSeconds = (duck.loadNanos() + duck.queryNanos()) / 1e9;
      row("duckdb batch recount", input.size() / duckSeconds, input.size() / duckSeconds / ceiling,
          String.format("final state only: load %.2f s + query %.2f s; a file database, memory_limit %s",
              duck.loadNanos() / 1e9, duck.queryNanos() / 1e9, DuckDbRecount.MEMORY_LIMIT));

      // 8. The pure counting core on one thread, against a plain HashMap recount.
      boolean coreEqual = compared(() -> Verify.equal("core counting", model.recount().links(),
          Core.count(geography, model))).isPresent();
      Core core = Core.measure(seed, n, c, p == Preset.SMALL);
      String jmh = " (JMH, 1 thread, final state of " + Math.min(n, CoreBenchmark.MAX_COMPANIES) + " companies)";
      row("core", core.coreRate(), Double.NaN, (coreEqual ? "" : COUNTS_DIFFER)
          + "FootprintRules.contributions summed, companies/s" + jmh);
      row("HashMap recount", core.recountRate(), Double.NaN, "ReferenceModel.recount, companies/s" + jmh);
    }

    List<Row> table = new ArrayList<>(rates);
    table.addAll(measures);
    result.put("table", table);
    result.put("failures", failures);
    Path json = out.resolve("result.json");
    Files.createDirectories(out);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
    printTable(say, table);
    say.println("Wrote " + json.toAbsolutePath());
    for (String failure : failures) {
      say.println("FAILED: " + failure);
    }
    if (!keepWork) {
      // The broker's log and the state directories: gigabytes after a uk run, which only the
      // next run would otherwise delete.
      Cleanup.deleteAllBut(work, f -> f.getFileName().toString().endsWith(".log"));
      say.printf("Deleted the run's data under %s; its logs are kept there (--keep-work keeps everything)%n", work);
    }
    say.flush();
    return failures.isEmpty() ? 0 : 1;
  }

  /** A comparison with the recount; a difference is kept for the end of the run (exit 1), not thrown. */
  private Optional<Verify.Checked> compared(Supplier<Verify.Checked> comparison) {
    try {
      return Optional.of(comparison.get());
    } catch (Verify.CountsDiffer e) {
      differs(e);
      return Optional.empty();
    }
  }

  /** Says at once that a pipeline's counts differ, and keeps the difference for the end of the run. */
  private void differs(Verify.CountsDiffer e) {
    failures.add(e.getMessage());
    spec.commandLine().getOut().println("DIFFERS: " + e.getMessage());
    spec.commandLine().getOut().flush();
  }

  /** A rate: records/s, or companies/s for the core rows (their note says which). */
  private void row(String what, double perSecond, double ofCeiling, String note) {
    rates.add(new Row(what, String.format("%,.0f /s", perSecond),
        Double.isNaN(ofCeiling) ? "" : String.format("%.2f", ofCeiling), note));
  }

  /** p50 / p99 of latencies measured in ms, shown in {@code unit} ({@code perUnit} ms each). */
  private void latencyRow(String what, Percentiles latency, double perUnit, String unit, String note) {
    String value = latency.count() == 0 ? "none measured"
        : String.format(perUnit >= 1e3 ? "%.2f / %.2f %s" : "%.1f / %.1f %s", latency.p50() / perUnit,
            latency.p99() / perUnit, unit);
    measures.add(new Row(what, value, "", note));
  }

  private static String mb(long bytes) {
    return bytes < 10L << 20 ? String.format("%.1f MB", bytes / 1048576.0) : String.format("%,d MB", bytes >> 20);
  }

  private static void printTable(PrintWriter say, List<Row> table) {
    say.println();
    say.printf("| %-28s | %17s | %9s | %s%n", "figure", "value", "/ ceiling", "how");
    say.println("|------------------------------|-------------------|-----------|------");
    for (Row r : table) {
      say.printf("| %-28s | %17s | %9s | %s%n", r.figure(), r.value(), r.ofCeiling(), r.note());
    }
    say.println();
  }

  /** A streaming peer's rate on the input, its process's peak RSS, and whether its output equalled the recount. */
  private record PeerRun(double recordsPerSecond, long peakRssBytes, boolean countsEqual) {
    String verdict() {
      return countsEqual ? "" : COUNTS_DIFFER;
    }
  }

  /** Compares a peer's output with the recount; throws {@link Verify.CountsDiffer} when they differ. */
  private interface PeerCheck {
    void run() throws Exception;
  }

  /**
   * Every change the steady phase followed, one line each: to the topic or a query, when it was
   * sent (ms from the phase's first change) and how long it took. The percentiles say how slow
   * the slowest were; this says when, so a slow stretch can be matched with the app's log.
   */
  private static void writeFreshness(Path csv, List<Steady.Sample> samples) throws IOException {
    List<String> lines = new ArrayList<>(List.of("to,sent_ms,latency_ms"));
    samples.forEach(s -> lines.add(String.format(Locale.ROOT, "%s,%.1f,%.1f", s.to().label(), s.sentNanos() / 1e6,
        s.latencyNanos() / 1e6)));
    Files.createDirectories(csv.getParent());
    Files.write(csv, lines, StandardCharsets.UTF_8);
  }

  /**
   * A streaming peer in its own JVM, on its own copy of the input topics: started, sent the whole
   * input once it prints RUNNING, timed until its consumer group has committed every record, then
   * its output checked while it still runs.
   */
  private PeerRun runPeer(String name, List<String> command, Path log, KafkaIo kafka, EncodedInput input,
      String bootstrap, String groupId, String profiles, String sites, PeerCheck check) throws Exception {
    try (ChildProcess peer = ChildProcess.start(name, command, log)) {
      peer.awaitLine("RUNNING"::equals, Duration.ofMinutes(3));
      long started = System.nanoTime();
      kafka.send(input, profiles, sites);
      try (ProcessingLag lag = lagOf(bootstrap, groupId, profiles, sites)) {
        Runs.awaitCounted(lag, peer);
      }
      double rate = input.size() / seconds(started);
      try {
        check.run();
        return new PeerRun(rate, peer.peakRssBytes(), true);
      } catch (Verify.CountsDiffer e) {
        differs(e);
        return new PeerRun(rate, peer.peakRssBytes(), false);
      }
    }
  }

  private static ProcessingLag regiolinkLag(String bootstrap) {
    return lagOf(bootstrap, "bench-regiolink", Topics.PROFILES.name(), Topics.TRADING_SITES.name());
  }

  /** The lag of a Kafka Streams application whose input topics the bench writes (without transactions). */
  private static ProcessingLag lagOf(String bootstrap, String applicationId, String... inputTopics) {
    return new ProcessingLag(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), applicationId,
        Set.of(inputTopics));
  }

  static Set<String> schemes(ReferenceModel.Counts counts) {
    Set<String> schemes = new TreeSet<>();
    counts.links().keySet().forEach(k -> schemes.add(k.substring(0, k.indexOf(':'))));
    return schemes;
  }

  static Set<String> sectors(ReferenceModel.Counts counts) {
    Set<String> sectors = new TreeSet<>();
    counts.links().keySet().forEach(k -> sectors.add(k.substring(k.lastIndexOf(':') + 1)));
    return sectors;
  }

  static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  /** streams-app/target/regiolink.jar beside the bench module, from the working directory or the bench jar. */
  static Path locateAppJar() {
    for (Path candidate : List.of(Path.of("streams-app/target/regiolink.jar"), Path.of("../streams-app/target/regiolink.jar"))) {
      if (Files.isRegularFile(candidate)) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("No regiolink jar at streams-app/target/regiolink.jar: build it with "
        + "'mvn -DskipTests package' from the project root, or pass --app-jar");
  }

  /**
   * Bytes of the record batches (the {@code .log} segments; indexes are preallocated) of every
   * topic whose name starts with {@code prefix}.
   */
  static long topicBytes(Path brokerDir, String prefix) {
    return bytesOf(brokerDir, f -> f.getFileName().toString().endsWith(".log")
        && f.getParent().getFileName().toString().startsWith(prefix));
  }

  static long sizeOf(Path dir) {
    return bytesOf(dir, f -> true);
  }

  /**
   * The broker's log directory without its offset and time indexes: Kafka preallocates each active
   * segment's indexes at {@code segment.index.bytes} (10 MB) as sparse files, so counting their
   * length made a small run's few MB of topics look like gigabytes (runs before the fourteenth
   * round did). Indexes of rolled segments are small next to their segments.
   */
  static long brokerDataBytes(Path brokerDir) {
    return bytesOf(brokerDir, f -> !f.getFileName().toString().endsWith(".index")
        && !f.getFileName().toString().endsWith(".timeindex"));
  }

  /** Bytes of the regular files under {@code dir} that {@code which} accepts; 0 when there is no such directory. */
  private static long bytesOf(Path dir, Predicate<Path> which) {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(which).mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }

  /** The counting core against the HashMap recount: rates from JMH; {@link #count} is what the caller checks first. */
  record Core(double coreRate, double recountRate) {
    /** What the core counts from the model's final states, to be compared with the recount before it is timed. */
    static Map<String, List<Long>> count(Geography geography, ReferenceModel model) {
      FootprintRules rules = new FootprintRules(geography, SectorClassifier.load(), COUNTED);
      Map<String, List<Long>> fromCore = new TreeMap<>();
      CoreBenchmark.count(rules, CoreBenchmark.finalStates(model)).forEach((k, v) -> {
        if (!v.isZero()) {
          fromCore.put(k.asString(), List.of(v.companies(), v.sites()));
        }
      });
      return fromCore;
    }

    static Core measure(long seed, int companies, long changes, boolean quick) throws RunnerException {
      Map<String, Double> rates = CoreBenchmark.run(seed, companies, changes, quick);
      return new Core(rates.get("contributions"), rates.get("recount"));
    }
  }
}
