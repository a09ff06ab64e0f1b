package io.regiolink.cli;

import io.regiolink.app.RegiolinkInstance;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.http.ApiServer;
import io.regiolink.http.Answers;
import io.regiolink.app.ContractSetup;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Runs against an existing cluster and registry, as in production. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run the app against an existing Kafka cluster and schema registry.",
        "Needs --bootstrap-servers and --registry-url: checks both, creates missing topics, registers the",
        "schemas, and counts until Ctrl-C."})
public final class RunCommand implements Callable<Integer> {

  @Mixin ConfigOptions options = new ConfigOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    RegiolinkConfig config = options.load(System.getenv());
    OptionalInt child = HeapLauncher.runWithBudgetHeap(config, spec);
    if (child.isPresent()) {
      return child.getAsInt();
    }
    config.requireBootstrapServers();
    config.requireRegistryUrl();
    ApiServer.requirePortFree(config.http().host(), config.http().port());
    AtomicReference<RegiolinkInstance> app = new AtomicReference<>();
    Shutdown shutdown = Shutdown.onSignal(() -> {
      if (app.get() != null) {
        app.get().close();
      }
    });
    ContractSetup.Result setup = ContractSetup.run(config);
    app.set(RegiolinkInstance.start(config, Answers.Dataset.user("application " + config.applicationId() + " on "
        + config.requireBootstrapServers())));
    Banner.print(spec.commandLine().getOut(), "run", config, setup,
        List.of("Dashboard and HTTP API on port " + app.get().httpPort() + ", advertised as " + config.http().advertisedUrl() + "/api/v1",
            "Configuration: " + String.join(", ", config.describe())));
    shutdown.await();
    return 0;
  }
}
