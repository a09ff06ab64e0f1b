package io.regiolink.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.regiolink.avro.RegionSummary;
import io.regiolink.cli.RegiolinkCli;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.testing.Api;
import io.regiolink.testing.Records;
import io.regiolink.testing.RunningAppExtension;
import io.regiolink.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code regiolink replay --bulk} on real Companies House snapshot rows (testdata/real), counted by
 * the running app at exactly_once_v2, against a count this test makes from the file by itself: its
 * own CSV split, its own reading of the reference tables, none of the app's parsing or counting.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealDataIT {
  static final Path REAL = Path.of("..", "testdata", "real");
  static final Path SAMPLE = REAL.resolve("basiccompanydata-2020-05-01-random-sample-4537.csv");
  static final Path FIRST_ROWS = REAL.resolve("basiccompanydata-early-2021-first-31-rows.csv");
  static final Path GEO = Path.of("src", "main", "resources", "io", "regiolink", "geo");
  /** The one typo of the sample a person can fix with certainty (PROVENANCE section 9): the zero of CR0 typed as O. */
  static final Map<String, String> KNOWN_TYPOS = Map.of("CRO1JB", "CR01JB");

  @RegisterExtension static final RunningAppExtension APP = new RunningAppExtension();

  /** The bulk file's status labels as design section 3 maps them (the labels this sample holds). */
  static final Map<String, String> STATUS_OF_LABEL = Map.of("Liquidation", "liquidation",
      "In Administration", "administration", "ADMINISTRATION ORDER", "administration",
      "Live but Receiver Manager on at least one charge", "receivership", "Voluntary Arrangement", "voluntary-arrangement");

  @Test
  @Order(1)
  void theRandomSampleCountsWhereItsRowsSayAndEveryRowIsAccepted() throws Exception {
    RegiolinkConfig config = APP.config();
    Run run = replay(config, "--bulk", SAMPLE.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("4,537 sent, 0 skipped").contains("0 bad line(s) skipped");

    Map<String, Long> expected = expectedRegisteredPerItl1(SAMPLE);
    System.out.println("Registered per ITL1 region, counted by the test from " + SAMPLE.getFileName() + ": " + expected);
    assertThat(expected.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4234 + 195);
    assertThat(expected.get("UNRESOLVED")).as("blank and unplaceable offices").isGreaterThanOrEqualTo(55 - 1);

    AvroSerdes serdes = new AvroSerdes(config.requireRegistryUrl());
    Map<String, RegionSummary> regions = Records.compactedUntil(config, Topics.REGIONS.name(),
        serdes.<RegionSummary>valueDeserializer(), m -> registeredPerItl1(m).equals(expected), Duration.ofSeconds(120));
    assertThat(registeredPerItl1(regions)).isEqualTo(expected);

    // The CRO 1JB office is placed as CR0 1JB (Croydon), and the company shows both.
    JsonNode company = new Api(APP.http()).json("/api/v1/companies/06238447");
    assertThat(company.path("registeredOffice").path("postalCode").asText()).isEqualTo("CRO 1JB");
    assertThat(company.path("registeredOffice").path("repairedTo").asText()).isEqualTo("CR0 1JB");
    assertThat(company.path("registeredOffice").path("regions").path("lad").asText()).isEqualTo("E09000008");
    // A registered society, numbered as the design's rule now allows.
    assertThat(new Api(APP.http()).json("/api/v1/companies/IP28814R").path("companyNumber").asText()).isEqualTo("IP28814R");

    // Coverage: statuses, blank and unplaceable offices and the repair, as this test counts them from the file.
    Map<String, Object> expectedCoverage = expectedCoverage(SAMPLE);
    System.out.println("Coverage counted by the test from the file: " + expectedCoverage);
    Api api = new Api(APP.http());
    JsonNode coverage = null;
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      coverage = api.json("/api/v1/coverage");
      if (coverage.path("companies").path("counted").asLong() == 4234 + 195
          && coverage.path("companies").path("notCounted").asLong() == 4537 - 4234 - 195) {
        break;
      }
      Thread.sleep(500);
    }
    System.out.println("GET /api/v1/coverage: " + coverage);
    assertThat(Map.of(
        "counted", coverage.path("companies").path("counted").asLong(),
        "notCountedByStatus", JSON.convertValue(coverage.path("companies").path("notCountedByStatus"), Map.class),
        "officesPlaced", coverage.path("registeredOffices").path("placed").asLong(),
        "officesUnresolved", coverage.path("registeredOffices").path("unresolved").asLong(),
        "officesBlank", coverage.path("registeredOffices").path("blank").asLong(),
        "postcodesRepaired", coverage.path("postcodesRepaired").asLong(),
        "rejected", JSON.convertValue(coverage.path("rejected"), Map.class),
        "partial", coverage.path("partial").asBoolean()))
        .isEqualTo(expectedCoverage);
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /** What GET /coverage must say after the file, counted here from the file and the district table. */
  static Map<String, Object> expectedCoverage(Path file) throws IOException {
    Map<String, String> ladOfDistrict = column(GEO.resolve("uk-postcode-district-lad.csv"), "postcode_district", "lad_code");
    List<List<String>> rows = quotedCsv(Files.newInputStream(file));
    List<String> header = rows.get(0).stream().map(String::trim).toList();
    int status = header.indexOf("CompanyStatus");
    int postcode = header.indexOf("RegAddress.PostCode");
    long counted = 0;
    long placed = 0;
    long unresolved = 0;
    long blank = 0;
    Map<String, Integer> notCounted = new TreeMap<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      if (!row.get(status).toLowerCase(Locale.ROOT).startsWith("active")) {
        notCounted.merge(STATUS_OF_LABEL.get(row.get(status)), 1, Integer::sum);
        continue;
      }
      counted++;
      String p = row.get(postcode).toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
      p = KNOWN_TYPOS.getOrDefault(p, p);
      if (p.isEmpty()) {
        blank++;
      } else if (p.matches("[A-Z][A-Z0-9]{1,4}[0-9][A-Z]{2}") && ladOfDistrict.containsKey(p.substring(0, p.length() - 3))) {
        placed++;
      } else {
        unresolved++;
      }
    }
    return Map.of("counted", counted, "notCountedByStatus", notCounted, "officesPlaced", placed,
        "officesUnresolved", unresolved, "officesBlank", blank, "postcodesRepaired", (long) KNOWN_TYPOS.size(),
        "rejected", Map.of(), "partial", false);
  }

  @Test
  @Order(2)
  void aSnapshotWithoutADateInItsNameNeedsBulkDate() throws Exception {
    RegiolinkConfig config = APP.config();
    Run refused = replay(config, "--bulk", FIRST_ROWS.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("Cannot tell the snapshot date of " + FIRST_ROWS.getFileName())
        .contains("--bulk-date");
    Run run = replay(config, "--bulk", FIRST_ROWS.toString(), "--bulk-date", "2021-01-01");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("31 sent, 0 skipped");
  }

  record Run(int exit, String out, String err) {}

  private static Run replay(RegiolinkConfig config, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = RegiolinkCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of("replay"));
    all.addAll(List.of(args));
    all.addAll(List.of("--state-dir", APP.stateDir().toString(), "--bootstrap-servers",
        config.requireBootstrapServers(), "--registry-url", config.requireRegistryUrl().toString()));
    int exit = cli.execute(all.toArray(String[]::new));
    System.out.println(out);
    System.out.println(err);
    return new Run(exit, out.toString(), err.toString());
  }

  private static Map<String, Long> registeredPerItl1(Map<String, RegionSummary> regions) {
    Map<String, Long> registered = new TreeMap<>();
    regions.forEach((key, summary) -> {
      if (summary != null && summary.getScheme().equals("itl1") && summary.getSector().equals("ALL")
          && summary.getRegistered() > 0) {
        registered.put(summary.getRegion(), summary.getRegistered());
      }
    });
    return registered;
  }

  /** Active companies (the CSV's "Active..." labels) per ITL1 region of their office, as design section 5 places them. */
  static Map<String, Long> expectedRegisteredPerItl1(Path file) throws IOException {
    Map<String, String> ladOfDistrict = column(GEO.resolve("uk-postcode-district-lad.csv"), "postcode_district", "lad_code");
    Map<String, String> itl1OfLad = column(GEO.resolve("uk-lad-region.csv"), "lad_code", "itl1_code");
    Map<String, String> itl1OfArea = column(GEO.resolve("uk-postcode-area-region.csv"), "postcode_area", "itl1_code");
    List<List<String>> rows = quotedCsv(Files.newInputStream(file));
    List<String> header = rows.get(0).stream().map(String::trim).toList();
    int status = header.indexOf("CompanyStatus");
    int postcode = header.indexOf("RegAddress.PostCode");
    Map<String, Long> registered = new TreeMap<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      if (!row.get(status).toLowerCase(Locale.ROOT).startsWith("active")) {
        continue;
      }
      String p = row.get(postcode).toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
      p = KNOWN_TYPOS.getOrDefault(p, p);
      String region = "UNRESOLVED";
      if (p.matches("[A-Z][A-Z0-9]{1,4}[0-9][A-Z]{2}")) {
        String district = p.substring(0, p.length() - 3);
        String area = district.replaceAll("[0-9].*$", "");
        if (ladOfDistrict.containsKey(district)) {
          region = itl1OfLad.get(ladOfDistrict.get(district));
        } else if (itl1OfArea.containsKey(area)) {
          region = itl1OfArea.get(area);
        }
      }
      registered.merge(region, 1L, Long::sum);
    }
    return registered;
  }

  private static Map<String, String> column(Path csv, String keyColumn, String valueColumn) throws IOException {
    List<List<String>> rows = quotedCsv(Files.newInputStream(csv));
    int k = rows.get(0).indexOf(keyColumn);
    int v = rows.get(0).indexOf(valueColumn);
    Map<String, String> map = new HashMap<>();
    rows.subList(1, rows.size()).forEach(r -> map.put(r.get(k), r.get(v)));
    return map;
  }

  /** A minimal RFC 4180 split, written here so the expected counts share no parsing code with the app. */
  static List<List<String>> quotedCsv(InputStream in) throws IOException {
    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else if (c != '\r') {
        field.append(c);
      }
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
