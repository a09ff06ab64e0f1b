package io.regiolink.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventType;
import io.regiolink.company.CompanyNumber;
import io.regiolink.csv.CsvReader;
import io.regiolink.csv.CsvRow;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input rules on real Companies House records (testdata/real, provenance in the README): a
 * random sample of a bulk snapshot, the first rows of another, and real stream events.
 */
class RealRecordsTest {
  static final Path REAL = Path.of("..", "testdata", "real");
  static final Path SAMPLE = REAL.resolve("basiccompanydata-2020-05-01-random-sample-4537.csv");
  static final Path FIRST_ROWS = REAL.resolve("basiccompanydata-early-2021-first-31-rows.csv");
  static final Instant SNAPSHOT = BulkCompanyData.publishedAt(LocalDate.of(2020, 5, 1));

  /** Every row of a snapshot file through the mapping the connector and replay share, or its problem. */
  record Mapped(List<CompanyProfileEvent> events, List<String> problems) {}

  static Mapped map(Path file, java.io.InputStream bytes) throws IOException, FormatException {
    List<CompanyProfileEvent> events = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (Reader reader = new InputStreamReader(BulkCompanyData.csv(bytes, file.getFileName().toString()),
        StandardCharsets.UTF_8)) {
      CsvReader csv = new CsvReader(reader);
      BulkCompanyData.Columns columns = BulkCompanyData.columns(csv.next());
      while (csv.hasNext()) {
        CsvRow row = csv.next();
        try {
          CompanyProfileEvent event = BulkCompanyData.profile(row, columns, 0, SNAPSHOT, "test");
          if (CompanyNumber.normalise(event.getCompanyNumber()).isEmpty()) {
            problems.add(row.line() + ": BAD_COMPANY_NUMBER " + event.getCompanyNumber());
          } else {
            events.add(event);
          }
        } catch (FormatException e) {
          problems.add(row.line() + ": " + e.code() + " " + e.getMessage());
        }
      }
    }
    return new Mapped(events, problems);
  }

  @Test
  void everyRowOfTheRandomSampleMapsIncludingRegisteredSocieties() throws Exception {
    Mapped mapped = map(SAMPLE, Files.newInputStream(SAMPLE));
    assertThat(mapped.problems()).isEmpty();
    assertThat(mapped.events()).hasSize(4537);
    assertThat(mapped.events()).extracting(CompanyProfileEvent::getCompanyNumber)
        .contains("IP28814R", "IP00261C");
    Map<String, Integer> statuses = new TreeMap<>();
    mapped.events().forEach(e -> statuses.merge(e.getCompanyStatus(), 1, Integer::sum));
    // PROVENANCE section 9: Active 4,234 and Active - Proposal to Strike off 195 are both 'active'.
    assertThat(statuses).containsEntry("active", 4234 + 195).containsEntry("liquidation", 100)
        .containsEntry("administration", 4 + 1).containsEntry("receivership", 2)
        .containsEntry("voluntary-arrangement", 1);
    assertThat(mapped.events()).allMatch(e -> e.getEvent().getType() == EventType.snapshot
        && e.getEvent().getPublishedAt().equals(SNAPSHOT));
  }

  @Test
  void theFirstRowsAsPublishedMapFromAZipToo(@TempDir Path dir) throws Exception {
    Path zip = dir.resolve("BasicCompanyData-2021-01-01-part1_1.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("BasicCompanyData-2021-01-01-part1_1.csv"));
      Files.copy(FIRST_ROWS, out);
      out.closeEntry();
    }
    Mapped plain = map(FIRST_ROWS, Files.newInputStream(FIRST_ROWS));
    Mapped zipped = map(zip, Files.newInputStream(zip));
    assertThat(plain.problems()).isEmpty();
    assertThat(plain.events()).hasSize(31);
    assertThat(zipped.events()).isEqualTo(plain.events());
    CompanyProfileEvent first = plain.events().get(0);
    assertThat(first.getCompanyName()).isEqualTo("! LIMITED");
    assertThat(first.getCompanyNumber()).isEqualTo("12778855");
    assertThat(first.getRegisteredOfficeAddress().getPostalCode()).isEqualTo("S35 2PH");
    assertThat(BulkCompanyData.dateInName(zip.getFileName().toString())).contains(LocalDate.of(2021, 1, 1));
    assertThat(BulkCompanyData.dateInName(FIRST_ROWS.getFileName().toString())).isEmpty();
  }

  @Test
  void theRealStreamEventsParseIntoTheirProfiles() throws Exception {
    List<CompanyProfileEvent> events = new ArrayList<>();
    for (String line : Files.readAllLines(REAL.resolve("companies-stream-events.ndjson"))) {
      events.add(CompaniesHouseEvents.parse(line, "test"));
    }
    assertThat(events).extracting(CompanyProfileEvent::getCompanyNumber)
        .containsExactly("00967252", "11539575", "12057957", "05954546", "SC571653");
    CompanyProfileEvent ridewise = events.get(2);
    assertThat(ridewise.getCompanyName()).isEqualTo("RIDEWISE LTD");
    assertThat(ridewise.getCompanyStatus()).isEqualTo("active");
    assertThat(ridewise.getSicCodes()).containsExactly("46520", "49390", "79909", "95210");
    assertThat(ridewise.getRegisteredOfficeAddress().getPostalCode()).isEqualTo("BL1 4RW");
    assertThat(ridewise.getEvent().getTimepoint()).isEqualTo(17055977L);
    assertThat(ridewise.getEvent().getType()).isEqualTo(EventType.changed);
    // published_at comes without a zone and is London time: 20:46:03 BST is 19:46:03 UTC.
    assertThat(ridewise.getEvent().getPublishedAt()).isEqualTo(Instant.parse("2020-08-14T19:46:03Z"));
    assertThat(events.get(4).getRegisteredOfficeAddress().getPostalCode()).isEqualTo("G1 1DA");
  }
}
