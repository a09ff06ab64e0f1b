package io.regiolink.cli;

import io.regiolink.replay.InputProducer;
import io.regiolink.app.CountsSummary;
import io.regiolink.app.RegiolinkInstance;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.embedded.DemoAddresses;
import io.regiolink.embedded.LocalStack;
import io.regiolink.http.ApiServer;
import io.regiolink.http.Answers;
import io.regiolink.sample.SampleFeeder;
import io.regiolink.app.ContractSetup;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The embedded default: everything on this machine, from the state directory, until Ctrl-C. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run everything on this machine (the default): broker, registry, app, sample.",
        "Starts a KRaft broker in this JVM and Apicurio Registry, creates the topics, counts, loads the",
        "synthetic sample register and its trickle, and runs until Ctrl-C. Data stays under --state-dir,",
        "so a restart resumes."})
public final class DemoCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

  @Mixin ConfigOptions options = new ConfigOptions();

  @Option(names = "--no-sample", description = "Start without the bundled synthetic sample register and its trickle.")
  boolean noSample;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    RegiolinkConfig requested = options.load(System.getenv());
    OptionalInt child = HeapLauncher.runWithBudgetHeap(requested, spec);
    if (child.isPresent()) {
      return child.getAsInt();
    }
    ApiServer.requirePortFree(requested.http().host(), requested.http().port());
    long started = System.nanoTime();
    LocalStack stack = LocalStack.start(requested.demo(), requested.stateDir());
    RegiolinkConfig config = requested.withAddressesOf(stack);
    AtomicReference<RegiolinkInstance> app = new AtomicReference<>();
    AtomicReference<SampleFeeder> feeder = new AtomicReference<>();
    Shutdown shutdown = Shutdown.onSignal(() -> {
      LOG.info("Stopping the demo");
      DemoAddresses.remove(config.stateDir());
      try {
        if (feeder.get() != null) {
          feeder.get().close();
        }
        if (app.get() != null) {
          app.get().close();
        }
      } finally {
        stack.close();
      }
    });
    ContractSetup.Result setup = ContractSetup.run(config);
    app.set(RegiolinkInstance.start(config, noSample
        ? Answers.Dataset.user("your own input on " + config.requireBootstrapServers())
        : Answers.Dataset.syntheticSample(String.format("Synthetic sample register: %,d invented companies (ZZ000001..)"
            + " on real postcode districts and SIC codes, seed %d; not real firms", config.sample().companies(),
            config.sample().seed()))));
    if (!app.get().awaitRunning(Duration.ofSeconds(120))) {
      LOG.warn("Kafka Streams is not RUNNING after 120 s; it keeps trying");
    }
    URI httpUrl = URI.create("http://localhost:" + app.get().httpPort());
    new DemoAddresses(stack.bootstrapServers(), stack.registryUrl(), httpUrl).write(config.stateDir());
    List<String> notes = new ArrayList<>();
    notes.add(String.format("Started in %.1f s. Addresses written to %s", (System.nanoTime() - started) / 1e9,
        DemoAddresses.file(config.stateDir()).toAbsolutePath().normalize()));
    notes.add("Dashboard: " + httpUrl + "/");
    notes.add("HTTP API: " + httpUrl + "/api/v1 (described at " + httpUrl + "/api/v1/openapi.json), health "
        + httpUrl + "/health, metrics " + httpUrl + "/metrics");
    notes.add("Counting: application " + config.applicationId() + ", " + config.streams().processingGuarantee().kafkaValue()
        + "; counts on regiolink.links.v1 and regiolink.regions.v1");
    notes.add("Sample register: " + (noSample ? "off (--no-sample); produce your own input to "
        + "companies.profiles.v1 and companies.trading-sites.v1, e.g. with 'regiolink replay'"
        : String.format("%,d synthetic companies (seed %d), then a trickle of changes", config.sample().companies(),
            config.sample().seed())));
    Banner.print(spec.commandLine().getOut(), "demo (embedded)", config, setup, notes);
    if (!noSample) {
      feeder.set(SampleFeeder.create(config.sample(), config.stateDir(),
          () -> new InputProducer(config.kafkaClientSettings(), config.requireRegistryUrl()),
          () -> CountsSummary.itl1(app.get().streams().streams())));
      try {
        feeder.get().start(spec.commandLine().getOut());
      } catch (RuntimeException e) {
        LOG.warn("The sample register could not be fed ({}); the demo goes on without it", e.getMessage());
      }
    }
    shutdown.await();
    return 0;
  }
}
