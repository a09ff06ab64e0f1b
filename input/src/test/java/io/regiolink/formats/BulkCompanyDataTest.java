package io.regiolink.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventType;
import io.regiolink.csv.CsvReader;
import io.regiolink.csv.CsvRow;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkCompanyDataTest {
  static final String HEADER = "CompanyName, CompanyNumber,RegAddress.CareOf,RegAddress.POBox,RegAddress.AddressLine1,"
      + " RegAddress.AddressLine2,RegAddress.PostTown,RegAddress.County,RegAddress.Country,RegAddress.PostCode,"
      + "CompanyCategory,CompanyStatus,CountryOfOrigin,DissolutionDate,IncorporationDate,SICCode.SicText_1,"
      + "SICCode.SicText_2,SICCode.SicText_3,SICCode.SicText_4";
  static final Instant SNAPSHOT = Instant.parse("2026-11-01T00:00:00Z");

  private static List<CsvRow> rows(String... lines) {
    List<CsvRow> rows = new ArrayList<>();
    new CsvReader(new StringReader(HEADER + "\n" + String.join("\n", lines) + "\n")).forEachRemaining(rows::add);
    return rows;
  }

  @Test
  void aRowBecomesASnapshotEventWithTheApiValues() throws Exception {
    List<CsvRow> rows = rows("\"FENLAND QUANTUM ANALYTICS LTD\",\"99000001\",\"\",\"\",\"12 EXAMPLE STREET\",\"\","
        + "\"CAMBRIDGE\",\"\",\"ENGLAND\",\"CB2 1XX\",\"Private Limited Company\",\"Active - Proposal to Strike off\","
        + "\"United Kingdom\",\"\",\"15/01/2019\",\"62012 - Business and domestic software development\","
        + "\"70229 - Management consultancy activities other than financial management\",\"None Supplied\",\"\"");
    BulkCompanyData.Columns columns = BulkCompanyData.columns(rows.get(0));
    CompanyProfileEvent event = BulkCompanyData.profile(rows.get(1), columns, 70000000, SNAPSHOT, "bulk:test");
    assertThat(event.getCompanyNumber()).isEqualTo("99000001");
    assertThat(event.getCompanyStatus()).isEqualTo("active");
    assertThat(event.getSicCodes()).containsExactly("62012", "70229");
    assertThat(event.getDateOfCreation()).isEqualTo(LocalDate.of(2019, 1, 15));
    assertThat(event.getDateOfCessation()).isNull();
    assertThat(event.getRegisteredOfficeAddress().getPostalCode()).isEqualTo("CB2 1XX");
    assertThat(event.getRegisteredOfficeAddress().getLocality()).isEqualTo("CAMBRIDGE");
    assertThat(event.getEvent().getType()).isEqualTo(EventType.snapshot);
    assertThat(event.getEvent().getTimepoint()).isEqualTo(70000000L);
    assertThat(event.getEvent().getPublishedAt()).isEqualTo(SNAPSHOT);
  }

  @Test
  void malformedRowsSayWhatIsWrong() throws Exception {
    List<CsvRow> rows = rows(
        "\"NO NUMBER LTD\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"B1 1BB\",\"\",\"Active\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"",
        "\"BAD DATE LTD\",\"00000002\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"B1 1BB\",\"\",\"Active\",\"\",\"\",\"2019-01-15\",\"\",\"\",\"\",\"\"",
        "\"SHORT LTD\",\"00000003\"",
        "\"UNCLOSED LTD,\"00000004\"");
    BulkCompanyData.Columns columns = BulkCompanyData.columns(rows.get(0));
    assertProblem(rows.get(1), columns, "BAD_COMPANY_NUMBER", "empty CompanyNumber");
    assertProblem(rows.get(2), columns, "BAD_CSV", "IncorporationDate '2019-01-15' is not DD/MM/YYYY");
    assertProblem(rows.get(3), columns, "BAD_CSV", "2 fields");
    assertProblem(rows.get(4), columns, "BAD_CSV", "closing quote");
  }

  @Test
  void aFileThatIsNotTheBulkSnapshotIsRefusedAtItsHeader() {
    List<CsvRow> rows = new ArrayList<>();
    new CsvReader(new StringReader("company_number,site_id,postal_code\n")).forEachRemaining(rows::add);
    assertThatThrownBy(() -> BulkCompanyData.columns(rows.get(0))).hasMessageContaining("CompanyName")
        .hasMessageContaining("BasicCompanyData");
  }

  private static void assertProblem(CsvRow row, BulkCompanyData.Columns columns, String code, String words) {
    assertThatThrownBy(() -> BulkCompanyData.profile(row, columns, 1, SNAPSHOT, "bulk:test"))
        .isInstanceOfSatisfying(FormatException.class, e -> {
          assertThat(e.code().name()).isEqualTo(code);
          assertThat(e.getMessage()).contains(words);
        });
  }
}
