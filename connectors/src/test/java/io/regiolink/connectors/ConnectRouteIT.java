package io.regiolink.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Connect route, as a user on a fresh clone runs it: the java command of its
 * ConnectStandalone block (read from the README itself, so the two cannot drift), from the
 * project root, with copies of the worker and bulk connector files edited as the README says, on
 * real Companies House snapshot rows (testdata/real), into a running regiolink.
 */
class ConnectRouteIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String WORKER = "connectors/config/worker-standalone.properties";
  private static final String BULK = "connectors/config/companies-house-bulk.json";
  @TempDir static Path dir;
  @RegisterExtension static final RegiolinkDemoExtension REGIOLINK = new RegiolinkDemoExtension();

  @Test
  void theReadmeCommandLoadsTheRealSnapshotRowsThroughAWorker() throws Exception {
    Path bulkDir = Files.createDirectories(dir.resolve("bulk"));
    for (String file : List.of("basiccompanydata-2020-05-01-random-sample-4537.csv",
        "basiccompanydata-early-2021-first-31-rows.csv")) {
      Files.copy(ROOT.resolve("testdata/real").resolve(file), bulkDir.resolve(file));
    }
    // "edit bootstrap.servers in the worker file and registry.url in the connector files first"
    Properties worker = new Properties();
    try (var in = Files.newBufferedReader(ROOT.resolve(WORKER))) {
      worker.load(in);
    }
    worker.setProperty("bootstrap.servers", REGIOLINK.bootstrapServers());
    worker.setProperty("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
    worker.setProperty("listeners", "http://127.0.0.1:" + RegiolinkDemo.freePort());
    Path workerFile = dir.resolve("worker-standalone.properties");
    try (var out = Files.newBufferedWriter(workerFile)) {
      worker.store(out, "edited copy of " + WORKER);
    }
    ObjectNode bulk = (ObjectNode) JSON.readTree(ROOT.resolve(BULK).toFile());
    ((ObjectNode) bulk.get("config")).put("registry.url", REGIOLINK.registryUrl().toString())
        .put("bulk.dir", bulkDir.toString()).put("bulk.published.at", "2020-05-01");
    Path bulkFile = dir.resolve("companies-house-bulk.json");
    JSON.writeValue(bulkFile.toFile(), bulk);

    String command = readmeCommand().replace(WORKER, workerFile.toString()).replace(BULK, bulkFile.toString());
    System.out.println("Running, from " + ROOT + ": " + command);
    Path log = dir.resolve("connect.log");
    Process connect = new ProcessBuilder("bash", "-c", command).directory(ROOT.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      // 4,537 + 31 rows, none rejected: the registered societies (IP28814R) are company numbers.
      Awaitility.await("regiolink holds the snapshot's companies").atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(2))
          .failFast("the worker exited", () -> !connect.isAlive())
          .until(() -> REGIOLINK.status("/api/v1/companies/IP28814R") == 200
              && REGIOLINK.status("/api/v1/companies/12778855") == 200);
      JsonNode croydon = REGIOLINK.json("/api/v1/companies/06238447");
      assertThat(croydon.path("counted").asBoolean()).isTrue();
      assertThat(croydon.path("registeredOffice").path("repairedTo").asText()).isEqualTo("CR0 1JB");
      Awaitility.await("every active company of the two files counted").atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(2)).until(() -> registeredInItl1() == expectedActive());
      assertThat(Files.readString(log)).contains("rows read").doesNotContain("BAD_COMPANY_NUMBER");
    } finally {
      connect.toHandle().descendants().forEach(ProcessHandle::destroy);
      connect.destroy();
      connect.waitFor(30, TimeUnit.SECONDS);
      System.out.println("Worker log:\n" + Files.readString(log));
    }
  }

  /** The java command of the README block the ConnectRouteIT comment marks, continuation lines joined. */
  static String readmeCommand() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int marker = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("ConnectRouteIT runs")) {
        marker = i;
      }
    }
    assertThat(marker).as("the README marks its Connect route for ConnectRouteIT").isNotNegative();
    StringBuilder command = new StringBuilder();
    List<String> block = new ArrayList<>();
    for (int i = marker + 2; !lines.get(i).startsWith("```"); i++) {
      block.add(lines.get(i));
    }
    for (String line : block) {
      if (line.startsWith("java ") || command.length() > 0) {
        command.append(line.endsWith("\\") ? line.substring(0, line.length() - 1) : line).append(' ');
      }
    }
    assertThat(command.toString()).contains("ConnectStandalone").contains(WORKER).contains(BULK);
    return command.toString().trim();
  }

  /** Active rows of both files, counted from the files themselves ("Active" and "Active - Proposal to Strike off"). */
  private static long expectedActive() throws IOException {
    long active = 0;
    for (Path file : List.of(ROOT.resolve("testdata/real/basiccompanydata-2020-05-01-random-sample-4537.csv"),
        ROOT.resolve("testdata/real/basiccompanydata-early-2021-first-31-rows.csv"))) {
      active += Files.readAllLines(file).stream().skip(1).filter(l -> l.contains(",\"Active\",")
          || l.contains(",\"Active - Proposal to Strike off\",")).count();
    }
    return active;
  }

  private static long registeredInItl1() throws Exception {
    long registered = 0;
    JsonNode regions = REGIOLINK.json("/api/v1/schemes/itl1/regions").get("regions");
    for (JsonNode region : regions) {
      registered += REGIOLINK.json("/api/v1/regions/itl1/" + region.get("code").asText() + "?sector=ALL")
          .path("registered").asLong();
    }
    return registered + REGIOLINK.json("/api/v1/regions/itl1/UNRESOLVED?sector=ALL").path("registered").asLong();
  }
}
