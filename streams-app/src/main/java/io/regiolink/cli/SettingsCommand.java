package io.regiolink.cli;

import io.regiolink.app.RegiolinkConfig;
import io.regiolink.config.Secrets;
import io.regiolink.config.Setting;
import io.regiolink.topics.KafkaSettings;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Shows what regiolink would start with: every key, its value and where that value came from, so
 * "why is it using that port" is answered without reading code. {@code --markdown} prints the
 * README's configuration table, rendered from the same declarations as {@code --help}.
 */
@Command(name = "settings", mixinStandardHelpOptions = true,
    description = "Print every configuration key with the value it would have and its source (secrets hidden).")
public final class SettingsCommand implements Callable<Integer> {

  @Mixin ConfigOptions options = new ConfigOptions();

  @Option(names = "--markdown", description = "Print the README's table of keys, defaults and meanings instead.")
  boolean markdown;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (markdown) {
      out.print(RegiolinkConfig.CATALOGUE.markdownTable());
      out.flush();
      return 0;
    }
    RegiolinkConfig config = options.load(System.getenv());
    for (Setting<?> setting : RegiolinkConfig.CATALOGUE.settings()) {
      String value = config.settings().raw(setting).orElse("(not set)");
      out.printf("%-22s %-28s %s%n", setting.key(), Secrets.isSecret(setting.key()) ? Secrets.HIDDEN : value,
          config.settings().source(setting.key()));
    }
    for (Map.Entry<String, String> entry : config.settings().family(KafkaSettings.PASS_THROUGH)
        .entrySet()) {
      String key = KafkaSettings.PASS_THROUGH + entry.getKey();
      out.printf("%-22s %-28s %s%n", key, Secrets.isSecret(key) ? Secrets.HIDDEN : entry.getValue(),
          config.settings().source(key));
    }
    out.flush();
    return 0;
  }
}
