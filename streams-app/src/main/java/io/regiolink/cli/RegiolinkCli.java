package io.regiolink.cli;

import io.regiolink.app.RegiolinkConfig;
import io.regiolink.config.ConfigException;
import io.regiolink.embedded.BuildInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The regiolink command line; with no arguments it runs {@code demo}, the embedded default. */
@Command(name = "regiolink", mixinStandardHelpOptions = true, versionProvider = RegiolinkCli.Version.class,
    description = "Live region-pair connection counts of UK companies, on Kafka Streams.",
    subcommands = {DemoCommand.class, RunCommand.class, ClusterCommand.class, ReplayCommand.class, GenerateCommand.class, SettingsCommand.class,
        CommandLine.HelpCommand.class})
public final class RegiolinkCli implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RegiolinkCli.class);

  @Override
  public Integer call() {
    return new CommandLine(new DemoCommand()).setExecutionExceptionHandler(RegiolinkCli::explain).execute();
  }

  public static void main(String[] args) {
    // Avro refuses to deserialise classes outside trusted packages; ours are generated here.
    System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES",
        System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.regiolink.avro"));
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new RegiolinkCli()).setExecutionExceptionHandler(RegiolinkCli::explain);
    // Every command's help ends with the configuration keys, which error messages point people to.
    String[] keys = configurationKeys();
    cli.getCommandSpec().usageMessage().footer(keys).width(140);
    cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().usageMessage().footer(keys).width(140));
    return cli;
  }

  static String[] configurationKeys() {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("Configuration keys (defaults < --config FILE < REGIOLINK_<KEY> environment < flags/--set KEY=VALUE):");
    // picocli formats footer lines (String.format): a % in a key's description ("35%") must be doubled.
    RegiolinkConfig.CATALOGUE.helpLines().forEach(line -> lines.add(line.replace("%", "%%")));
    return lines.toArray(String[]::new);
  }

  /** A failure a person sees: what went wrong and what to do, without a stack trace (that goes to the debug log). */
  private static int explain(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    StringBuilder message = new StringBuilder("regiolink: ").append(e.getMessage());
    Throwable cause = e.getCause();
    while (cause != null && !(e instanceof ConfigException)) {
      if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
        message.append("\n  caused by: ").append(cause.getMessage());
      }
      cause = cause.getCause();
    }
    err.println(message);
    err.flush();
    LOG.debug("Command failed", e);
    return e instanceof ConfigException ? 2 : 1;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      var info = BuildInfo.load();
      return new String[] {"regiolink " + info.regiolinkVersion() + " (Kafka " + info.kafkaVersion()
          + ", Apicurio Registry " + info.registryVersion() + ")"};
    }
  }
}
