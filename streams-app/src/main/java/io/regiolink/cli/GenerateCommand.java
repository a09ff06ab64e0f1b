package io.regiolink.cli;

import io.regiolink.sample.SampleFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Writes synthetic input files: example input, and load for measuring. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Write synthetic input files: a register and its changes.",
        "Companies ZZ000001 upwards on real districts and SIC codes, as DIR/profiles.ndjson (Companies",
        "House stream format) and DIR/sites.ndjson. Feed them with:",
        "  regiolink replay --profiles DIR/profiles.ndjson --sites DIR/sites.ndjson"})
public final class GenerateCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write to.")
  Path out;

  @Option(names = "--companies", defaultValue = "10000", paramLabel = "N", description = "Companies. Default: ${DEFAULT-VALUE}.")
  int companies;

  @Option(names = "--events", defaultValue = "30000", paramLabel = "N",
      description = "Input records in all: two per company, then daily changes. Default: ${DEFAULT-VALUE}.")
  long events;

  @Option(names = "--seed", defaultValue = "20261128", paramLabel = "N", description = "Seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--start", defaultValue = "2025-01-06T00:00:00Z", paramLabel = "INSTANT",
      description = "Event time of the register; each simulated day of changes follows. Default: ${DEFAULT-VALUE}.")
  Instant start;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    SampleFiles.Written written = SampleFiles.write(seed, companies, events, start, out);
    PrintWriter pw = spec.commandLine().getOut();
    pw.printf("Wrote %,d profile events to %s and %,d site lists to %s in %.1f s (synthetic, seed %d).%n",
        written.profileEvents(), written.profiles(), written.siteLists(), written.sites(),
        (System.nanoTime() - started) / 1e9, seed);
    pw.flush();
    return 0;
  }
}
