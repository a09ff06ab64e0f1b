package io.regiolink.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventType;
import io.regiolink.avro.TradingSites;
import io.regiolink.company.RejectReason;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFormatsTest {
  static final String EXAMPLE = "{\"resource_kind\":\"company-profile\",\"resource_uri\":\"/company/SC999001\",\"resource_id\":\"SC999001\",\"data\":{\"can_file\":true,\"company_name\":\"GRANITE BIOSYSTEMS LIMITED\",\"company_number\":\"SC999001\",\"company_status\":\"active\",\"date_of_creation\":\"2021-06-02\",\"jurisdiction\":\"scotland\",\"registered_office_address\":{\"premises\":\"Suite 4\",\"address_line_1\":\"1 Sample Place\",\"locality\":\"Edinburgh\",\"postal_code\":\"EH1 9ZZ\",\"country\":\"Scotland\"},\"sic_codes\":[\"72110\"],\"type\":\"ltd\"},\"event\":{\"fields_changed\":[\"registered_office_address.address_line_1\",\"registered_office_address.postal_code\"],\"timepoint\":70000002,\"published_at\":\"2026-01-20T10:15:43\",\"type\":\"changed\"}}";

  @Test
  void readsACompaniesHouseStreamEvent() throws FormatException {
    CompanyProfileEvent e = CompaniesHouseEvents.parse(EXAMPLE, "test");
    assertThat(e.getCompanyNumber()).isEqualTo("SC999001");
    assertThat(e.getCompanyStatus()).isEqualTo("active");
    assertThat(e.getCompanyType()).isEqualTo("ltd");
    assertThat(e.getDateOfCreation()).isEqualTo(LocalDate.of(2021, 6, 2));
    assertThat(e.getSicCodes()).containsExactly("72110");
    assertThat(e.getRegisteredOfficeAddress().getPostalCode()).isEqualTo("EH1 9ZZ");
    assertThat(e.getEvent().getTimepoint()).isEqualTo(70000002L);
    // No zone on the stream: London time, which is GMT in January.
    assertThat(e.getEvent().getPublishedAt()).isEqualTo(Instant.parse("2026-01-20T10:15:43Z"));
    assertThat(e.getEvent().getFieldsChanged()).hasSize(2);
  }

  @Test
  void readsLondonSummerTimeAndExplicitZones() throws FormatException {
    assertThat(CompaniesHouseEvents.instant("2026-07-01T12:00:00", "t")).isEqualTo(Instant.parse("2026-07-01T11:00:00Z"));
    assertThat(CompaniesHouseEvents.instant("2023-11-03T22:13:03.742120Z", "t")).isEqualTo(Instant.parse("2023-11-03T22:13:03.742120Z"));
  }

  @Test
  void aDeletedEventNeedsOnlyTheNumberAndEnvelope() throws FormatException {
    CompanyProfileEvent e = CompaniesHouseEvents.parse("{\"resource_id\":\"99000002\",\"data\":{\"company_number\":\"99000002\"},"
        + "\"event\":{\"timepoint\":70000003,\"published_at\":\"2026-01-20T10:15:44\",\"type\":\"deleted\"}}", "t");
    assertThat(e.getEvent().getType()).isEqualTo(EventType.deleted);
    assertThat(e.getRegisteredOfficeAddress()).isNull();
  }

  @Test
  void badLinesSayWhatIsWrong() {
    assertThatThrownBy(() -> CompaniesHouseEvents.parse("{oops", "t")).isInstanceOf(FormatException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> CompaniesHouseEvents.parse("{\"data\":{},\"event\":{\"timepoint\":1,\"published_at\":\"2026-01-01T00:00:00\"}}", "t"))
        .satisfies(e -> assertThat(((FormatException) e).code()).isEqualTo(RejectReason.BAD_COMPANY_NUMBER));
    assertThatThrownBy(() -> CompaniesHouseEvents.parse("{\"resource_id\":\"1\",\"event\":{\"timepoint\":\"x\",\"published_at\":\"2026-01-01T00:00:00\"}}", "t"))
        .hasMessageContaining("timepoint");
    assertThatThrownBy(() -> CompaniesHouseEvents.parse("{\"resource_id\":\"1\",\"event\":{\"timepoint\":1,\"published_at\":\"yesterday\"}}", "t"))
        .hasMessageContaining("published_at");
  }

  @Test
  void sitesCsvRowsMakeOneWholeListPerCompany() {
    String csv = """
        company_number,site_id,postal_code,label,as_of
        00000001,a,LS1 4AP,Leeds,2026-01-01T00:00:00Z
        00000001,b,M1 1AE,,2026-01-02T00:00:00Z
        00000001,a,BS1 4DJ,Bristol now,2026-01-01T00:00:00Z
        00000002,,,,2026-01-01T00:00:00Z
        00000003,x,CF10 1AA,,not-a-date
        ,y,CF10 1AA,,
        """;
    List<TradingSites> lists = new ArrayList<>();
    List<LineProblem> problems = new ArrayList<>();
    SitesFiles.readCsv("sites.csv", new StringReader(csv), Instant.EPOCH, "t", lists::add, problems::add);
    assertThat(lists).hasSize(2);
    TradingSites first = lists.get(0);
    assertThat(first.getSites()).extracting(s -> s.getSiteId() + "@" + s.getPostalCode()).containsExactly("b@M1 1AE", "a@BS1 4DJ");
    assertThat(first.getAsOf()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
    assertThat(lists.get(1).getCompanyNumber()).isEqualTo("00000002");
    assertThat(lists.get(1).getSites()).as("a row with neither site_id nor postal_code: no sites").isEmpty();
    assertThat(problems).extracting(LineProblem::toString)
        .containsExactly("sites.csv:6: as_of 'not-a-date' is not an ISO-8601 date-time", "sites.csv:7: empty company_number");
  }

  @Test
  void sitesCsvWithoutAsOfTakesTheReadTime() {
    List<TradingSites> lists = new ArrayList<>();
    Instant read = Instant.parse("2026-11-28T10:00:00Z");
    SitesFiles.readCsv("s.csv", new StringReader("company_number,site_id,postal_code\n1,a,LS1 4AP\n"), read, "t",
        lists::add, p -> { });
    assertThat(lists.get(0).getAsOf()).isEqualTo(read);
  }

  @Test
  void sitesNdjson() throws IOException {
    List<TradingSites> lists = new ArrayList<>();
    List<LineProblem> problems = new ArrayList<>();
    SitesFiles.readNdjson("s.ndjson", new StringReader("""
        {"company_number":"SC1","as_of":"2026-01-01T00:00:00Z","sites":[{"site_id":"a","postal_code":"EH1 1AA","label":"HQ"}]}
        {"company_number":"SC1","sites":[]}
        [1,2]
        """), "t", lists::add, problems::add);
    assertThat(lists).hasSize(1);
    assertThat(lists.get(0).getSites().get(0).getLabel()).isEqualTo("HQ");
    assertThat(problems).extracting(LineProblem::toString).containsExactly("s.ndjson:2: no as_of", "s.ndjson:3: not a JSON object");
  }

  @Test
  void aByteThatIsNotUtf8SpoilsOnlyItsOwnLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("sites.ndjson");
    byte[] bad = {(byte) 0xFF, (byte) 0xFE};
    try (var out = Files.newOutputStream(file)) {
      out.write(line("{\"company_number\":\"SC1\",\"as_of\":\"2026-01-01T00:00:00Z\",\"sites\":[]}"));
      out.write(("{\"company_number\":\"SC2\",\"as_of\":\"2026-01-01T00:00:00Z\",\"sites\":[{\"site_id\":\"a\","
          + "\"postal_code\":\"EH1 1AA\",\"label\":\"caf").getBytes(StandardCharsets.UTF_8));
      out.write(bad);
      out.write(line("\"}]}"));
      out.write(bad);
      out.write(line("{"));
      out.write(line("{\"company_number\":\"SC3\",\"as_of\":\"2026-01-01T00:00:00Z\",\"sites\":[]}"));
    }
    List<TradingSites> lists = new ArrayList<>();
    List<LineProblem> problems = new ArrayList<>();
    SitesFiles.read(file, Instant.EPOCH, "t", lists::add, problems::add);
    assertThat(lists).extracting(TradingSites::getCompanyNumber).containsExactly("SC1", "SC2", "SC3");
    assertThat(lists.get(1).getSites().get(0).getLabel()).isEqualTo("caf\uFFFD\uFFFD");
    assertThat(problems).extracting(LineProblem::line).containsExactly(3);
  }

  private static byte[] line(String text) {
    return (text + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
