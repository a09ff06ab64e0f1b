package io.regiolink.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.regiolink.avro.Site;
import io.regiolink.avro.TradingSites;
import io.regiolink.company.RejectReason;
import io.regiolink.csv.CsvReader;
import io.regiolink.csv.CsvHeader;
import io.regiolink.csv.CsvRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads trading-site files (design section 3): CSV with header
 * {@code company_number,site_id,postal_code[,label][,as_of]}, where a file's rows for one company
 * are its whole current list, or NDJSON with one company per line. Bad rows are reported and
 * skipped; the rest is read.
 */
public final class SitesFiles {

  private SitesFiles() {}

  /**
   * @param readTime the as_of of CSV rows that have none: the moment the file was read
   */
  public static void read(Path file, Instant readTime, String source, Consumer<TradingSites> lists,
      Consumer<LineProblem> problems) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try (Reader reader = InputFiles.utf8(file)) {
      if (name.endsWith(".csv")) {
        readCsv(file.toString(), reader, readTime, source, lists, problems);
      } else {
        readNdjson(file.toString(), reader, source, lists, problems);
      }
    }
  }

  static void readCsv(String file, Reader reader, Instant readTime, String source, Consumer<TradingSites> lists,
      Consumer<LineProblem> problems) {
    CsvReader csv = new CsvReader(reader);
    if (!csv.hasNext()) {
      return;
    }
    CsvHeader columns = CsvHeader.of(csv.next());
    Optional<String> missing = columns.firstMissing(List.of("company_number", "site_id", "postal_code"));
    if (missing.isPresent()) {
      problems.accept(new LineProblem(file, 1, RejectReason.BAD_CSV, "the header lacks column '" + missing.get()
          + "' (expected company_number,site_id,postal_code[,label][,as_of])", String.join(",", columns.names())));
      return;
    }
    // Rows are grouped per company in file order; one company's rows are its whole list.
    Map<String, List<Site>> sites = new LinkedHashMap<>();
    Map<String, Instant> asOf = new HashMap<>();
    while (csv.hasNext()) {
      CsvRow row = csv.next();
      String text = String.join(",", row.fields());
      if (row.syntaxProblem().isPresent()) {
        problems.accept(new LineProblem(file, row.line(), RejectReason.BAD_CSV, row.problem(), text));
        continue;
      }
      String number = columns.field(row, "company_number");
      String siteId = columns.field(row, "site_id");
      String postcode = columns.field(row, "postal_code");
      if (number.isEmpty()) {
        problems.accept(new LineProblem(file, row.line(), RejectReason.BAD_COMPANY_NUMBER, "empty company_number", text));
        continue;
      }
      Instant rowTime = readTime;
      String asOfText = columns.field(row, "as_of");
      if (!asOfText.isEmpty()) {
        try {
          rowTime = CompaniesHouseEvents.instant(asOfText, "as_of");
        } catch (FormatException e) {
          problems.accept(new LineProblem(file, row.line(), RejectReason.BAD_CSV,
              "as_of '" + asOfText + "' is not an ISO-8601 date-time", text));
          continue;
        }
      }
      List<Site> list = sites.computeIfAbsent(number, n -> new ArrayList<>());
      asOf.merge(number, rowTime, (a, b) -> a.isAfter(b) ? a : b);
      if (siteId.isEmpty() && postcode.isEmpty()) {
        continue; // "this company now has no sites"
      }
      if (siteId.isEmpty()) {
        problems.accept(new LineProblem(file, row.line(), RejectReason.BAD_CSV, "empty site_id", text));
        continue;
      }
      String label = columns.field(row, "label");
      list.removeIf(s -> s.getSiteId().equals(siteId)); // a repeated site_id: the later row wins
      list.add(Site.newBuilder().setSiteId(siteId).setPostalCode(postcode).setLabel(label.isEmpty() ? null : label).build());
    }
    sites.forEach((number, list) -> lists.accept(TradingSites.newBuilder().setCompanyNumber(number).setSites(list)
        .setAsOf(asOf.get(number)).setSource(source).build()));
  }

  static void readNdjson(String file, Reader reader, String source, Consumer<TradingSites> lists,
      Consumer<LineProblem> problems) throws IOException {
    BufferedReader lines = new BufferedReader(reader);
    String line;
    int number = 0;
    while ((line = lines.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        lists.accept(parseNdjsonLine(line, source));
      } catch (FormatException e) {
        problems.accept(new LineProblem(file, number, e.code(), e.getMessage(), line));
      }
    }
  }

  public static TradingSites parseNdjsonLine(String line, String source) throws FormatException {
    JsonNode root = Json.object(line);
    String number = root.path("company_number").asText("").trim();
    if (number.isEmpty()) {
      throw new FormatException(RejectReason.BAD_COMPANY_NUMBER, "no company_number");
    }
    String asOf = root.path("as_of").asText("");
    if (asOf.isEmpty()) {
      throw new FormatException(RejectReason.MALFORMED_JSON, "no as_of");
    }
    if (!root.path("sites").isArray()) {
      throw new FormatException(RejectReason.MALFORMED_JSON, "'sites' must be an array");
    }
    Map<String, Site> sites = new LinkedHashMap<>();
    for (JsonNode site : root.path("sites")) {
      String id = site.path("site_id").asText("").trim();
      if (id.isEmpty()) {
        throw new FormatException(RejectReason.MALFORMED_JSON, "a site without site_id");
      }
      String label = site.path("label").asText("");
      sites.remove(id);
      sites.put(id, Site.newBuilder().setSiteId(id).setPostalCode(site.path("postal_code").asText(""))
          .setLabel(label.isBlank() ? null : label).build());
    }
    return TradingSites.newBuilder().setCompanyNumber(number).setSites(new ArrayList<>(sites.values()))
        .setAsOf(CompaniesHouseEvents.instant(asOf, "as_of")).setSource(source).build();
  }
}
