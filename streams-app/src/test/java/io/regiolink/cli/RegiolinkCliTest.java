package io.regiolink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** What a person sees when they get the command line wrong. */
class RegiolinkCliTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = RegiolinkCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void anUnknownSettingIsAConfigurationErrorNamingTheKey() {
    assertThat(run("run", "--set", "htp.port=9000")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown setting 'htp.port'").contains("--set htp.port");
  }

  @Test
  void runWithoutAClusterSaysHowToGiveOne() {
    assertThat(run("run", "--registry-url", "http://localhost:8081")).isEqualTo(2);
    assertThat(err.toString()).contains("No Kafka cluster given").contains("--bootstrap-servers").contains("regiolink demo");
  }

  @Test
  void aBadFlagValueNamesTheFlag() {
    assertThat(run("run", "--bootstrap-servers", "x:1", "--registry-url", "localhost:8081")).isEqualTo(2);
    assertThat(err.toString()).contains("registry.url").contains("--registry-url").contains("http(s) URL");
  }

  @Test
  void aTakenHttpPortStopsTheStartAtOnceAndSaysWhichFlagMovesIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      String port = Integer.toString(taken.getLocalPort());
      assertThat(run("run", "--bootstrap-servers", "localhost:1", "--registry-url", "http://localhost:1",
          "--http-port", port)).isEqualTo(2);
      assertThat(err.toString()).contains("cannot listen on 0.0.0.0:" + port).contains("--http-port")
          .contains("REGIOLINK_HTTP_PORT");
    }
  }

  @Test
  void helpListsTheCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("demo").contains("run");
  }

  @Test
  void helpListsTheConfigurationKeysTheErrorsPointTo() {
    // picocli reports a footer line it cannot format on System.err, and prints it unformatted.
    java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stderr = System.err;
    System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertThat(run("run", "--help")).isZero();
    } finally {
      System.setErr(stderr);
    }
    assertThat(out.toString()).contains("bootstrap.servers").contains("processing.guarantee").contains("[exactly_once_v2]")
        .contains("alerts.emerged.min").contains("kafka.*").contains("history.retention").contains("the rest (35%)");
    assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("Could not format");
  }

  @Test
  void logLevelTakesEffectFromAFlagAndABadOneIsRefused() {
    Logger ours = (Logger) LoggerFactory.getLogger("io.regiolink");
    Level before = ours.getLevel();
    try {
      assertThat(run("settings", "--set", "log.level=debug")).isZero();
      assertThat(ours.getLevel()).isEqualTo(Level.DEBUG);
      assertThat(run("settings", "--set", "log.level=loud")).isEqualTo(2);
    } finally {
      ours.setLevel(before);
    }
  }

  @Test
  void versionNamesTheKafkaAndRegistryVersions() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).contains("Kafka 4.4.0").contains("Apicurio Registry 3.0.9");
  }
}
