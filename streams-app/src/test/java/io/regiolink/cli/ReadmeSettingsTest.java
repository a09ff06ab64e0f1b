package io.regiolink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.app.RegiolinkConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table is the one the declarations render, so the two cannot drift. */
class ReadmeSettingsTest {

  @Test
  void theReadmeTableIsTheDeclaredKeys() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int begin = readme.indexOf("<!-- settings:begin -->\n");
    int end = readme.indexOf("<!-- settings:end -->");
    assertThat(begin).as("README.md has the settings markers").isNotNegative();
    assertThat(readme.substring(begin + "<!-- settings:begin -->\n".length(), end))
        .as("README.md's table; print the current one with: java -jar streams-app/target/regiolink.jar settings --markdown")
        .isEqualTo(RegiolinkConfig.CATALOGUE.markdownTable());
  }

  @Test
  void helpListsEveryDeclaredKey() {
    String help = String.join("\n", RegiolinkCli.configurationKeys());
    RegiolinkConfig.CATALOGUE.settings().forEach(s -> assertThat(help).contains(s.key()));
    assertThat(help).contains("kafka.*");
  }
}
