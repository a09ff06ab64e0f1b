package io.regiolink.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.TradingSites;
import io.regiolink.company.RejectReason;
import io.regiolink.csv.CsvReader;
import io.regiolink.csv.CsvRow;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing the parsers of everything that comes from outside (issue 14, item 5): Companies House
 * stream events, bulk snapshot CSV rows, site files (CSV and NDJSON) and the CSV reader under them.
 * Inputs are real records (testdata/real) mutated at random (cut, bytes flipped, quotes, commas,
 * braces, newlines and odd characters put in, fields repeated) and plain random text. Whatever
 * comes, a parser gives a value or a {@link FormatException} with a reason code, never another
 * exception, and every line is accounted for: a value or a problem, never dropped. jqwik prints the
 * seed of a failing run; {@code @Property(seed = ...)} replays it.
 */
class ParserFuzzTest {
  private static final Path REAL = Path.of("..", "testdata", "real");
  private static final List<String> EVENTS = lines(REAL.resolve("companies-stream-events.ndjson"));
  private static final List<String> BULK = lines(REAL.resolve("basiccompanydata-early-2021-first-31-rows.csv"));
  private static final String SITES_CSV = """
      company_number,site_id,postal_code,label,as_of
      00967252,hq,"LS1 4AP","Head office, Leeds",2026-11-02T09:00:00Z
      00967252,lab,CB2 1TN,,2026-11-02T09:00:00Z
      11539575,s1,EH1 1AA,"Edinburgh ""north\"\"",
      """;
  private static final String SITES_NDJSON = """
      {"company_number":"00967252","as_of":"2026-11-02T09:00:00Z","sites":[{"site_id":"hq","postal_code":"LS1 4AP"}]}
      {"company_number":"SC123456","as_of":"2026-11-02T09:00:00Z","sites":[]}
      """;
  private static final Instant READ_TIME = Instant.parse("2026-11-02T10:00:00Z");

  @Property(tries = 2000)
  void aStreamEventParsesOrIsRejectedWithAReason(@ForAll("streamEvents") String line) {
    parsedOrRejected(() -> CompaniesHouseEvents.parse(line, "fuzz"));
    bothOutcomesReached(RejectReason.MALFORMED_JSON);
  }

  @Property(tries = 1000)
  void aBulkRowParsesOrIsRejectedWithAReason(@ForAll("bulkRows") String row) throws FormatException {
    BulkCompanyData.Columns columns = BulkCompanyData.columns(new CsvReader(new StringReader(BULK.get(0))).next());
    CsvReader csv = new CsvReader(new StringReader(row));
    while (csv.hasNext()) {
      CsvRow parsed = csv.next();
      parsedOrRejected(() -> BulkCompanyData.profile(parsed, columns, 1, READ_TIME, "fuzz"));
    }
    bothOutcomesReached(RejectReason.BAD_CSV);
  }

  /** One parse: a value, or a rejection with its reason; never another exception. */
  private interface Parse {
    Object run() throws FormatException;
  }

  private static void parsedOrRejected(Parse parse) {
    try {
      assertThat(parse.run()).isNotNull();
      Statistics.label("outcome").collect("parsed");
    } catch (FormatException rejected) {
      assertRejectedWithReason(rejected);
      Statistics.label("outcome").collect(rejected.code().name());
    }
  }

  /** The corpus is only worth its name if it reaches both sides of the parser. */
  private static void bothOutcomesReached(RejectReason usualRejection) {
    Statistics.label("outcome").coverage(c -> {
      c.check("parsed").count(n -> n > 0);
      c.check(usualRejection.name()).count(n -> n > 0);
    });
  }

  @Property(tries = 1000)
  void aSitesCsvFileGivesListsAndProblemsButNeverFails(@ForAll("sitesCsv") String file) {
    List<TradingSites> lists = new ArrayList<>();
    List<LineProblem> problems = new ArrayList<>();
    SitesFiles.readCsv("fuzz.csv", new StringReader(file), READ_TIME, "fuzz", lists::add, problems::add);
    problems.forEach(ParserFuzzTest::assertProblemWithReason);
    lists.forEach(list -> assertThat(list.getCompanyNumber()).isNotBlank());
  }

  @Property(tries = 1000)
  void everyLineOfASitesNdjsonFileIsAListOrAProblem(@ForAll("sitesNdjson") String file) throws IOException {
    List<TradingSites> lists = new ArrayList<>();
    List<LineProblem> problems = new ArrayList<>();
    SitesFiles.readNdjson("fuzz.ndjson", new StringReader(file), "fuzz", lists::add, problems::add);
    problems.forEach(ParserFuzzTest::assertProblemWithReason);
    long nonBlank = file.lines().filter(l -> !l.isBlank()).count();
    assertThat(lists.size() + problems.size()).as("lines accounted for").isEqualTo(nonBlank);
  }

  @Property(tries = 1000)
  void theCsvReaderEndsOnAnyTextWithEveryRowNumberedAndAnySyntaxProblemNamed(@ForAll("anyCsv") String text) {
    CsvReader csv = new CsvReader(new StringReader(text));
    int previousLine = 0;
    int rows = 0;
    while (csv.hasNext()) {
      CsvRow row = csv.next();
      assertThat(row.line()).isGreaterThan(previousLine);
      previousLine = row.line();
      row.syntaxProblem().ifPresent(problem -> assertThat(problem).isNotBlank());
      assertThat(++rows).as("rows from %d characters", text.length()).isLessThanOrEqualTo(text.length() + 1);
    }
  }

  @Provide
  Arbitrary<String> streamEvents() {
    return Arbitraries.oneOf(mutated(Arbitraries.of(EVENTS)), randomText());
  }

  @Provide
  Arbitrary<String> bulkRows() {
    return Arbitraries.oneOf(mutated(Arbitraries.of(BULK.subList(1, BULK.size()))), randomText());
  }

  @Provide
  Arbitrary<String> sitesCsv() {
    return Arbitraries.oneOf(mutated(Arbitraries.just(SITES_CSV)), randomText());
  }

  @Provide
  Arbitrary<String> sitesNdjson() {
    return Arbitraries.oneOf(mutated(Arbitraries.just(SITES_NDJSON)), randomText());
  }

  @Provide
  Arbitrary<String> anyCsv() {
    return Arbitraries.oneOf(mutated(Arbitraries.of(BULK)), mutated(Arbitraries.just(SITES_CSV)), randomText());
  }

  /** Text of the characters that matter to these formats, and any others. */
  private static Arbitrary<String> randomText() {
    return Arbitraries.strings().withChars("\"',{}[]:\\\n\r\t 0123456789abcXYZ").withCharRange('\u0000', '\uffff')
        .ofMaxLength(400);
  }

  /** A real input broken in one to five places. */
  private static Arbitrary<String> mutated(Arbitrary<String> real) {
    Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.of(Mutation.Kind.values()),
        Arbitraries.doubles().between(0, 1), Arbitraries.strings().withChars("\"',{}[]:\\\n\r\u0000\ud800\u00e9\u2028")
            .withCharRange('\u0000', '\u00ff').ofMinLength(1).ofMaxLength(8)).as(Mutation::new);
    return Combinators.combine(real, mutation.list().ofMinSize(1).ofMaxSize(5)).as((text, mutations) -> {
      String out = text;
      for (Mutation m : mutations) {
        out = m.apply(out);
      }
      return out;
    });
  }

  private record Mutation(Kind kind, double where, String text) {
    enum Kind { CUT, INSERT, REPLACE, DELETE, REPEAT, INVALID_UTF8 }

    String apply(String s) {
      int at = (int) (where * s.length());
      return switch (kind) {
        case CUT -> s.substring(0, at);
        case INSERT -> s.substring(0, at) + text + s.substring(at);
        case REPLACE -> s.substring(0, at) + text + s.substring(Math.min(s.length(), at + text.length()));
        case DELETE -> s.substring(0, at) + s.substring(Math.min(s.length(), at + text.length()));
        case REPEAT -> s.substring(0, at) + s.substring(at, Math.min(s.length(), at + 40)).repeat(3)
            + s.substring(Math.min(s.length(), at + 40));
        // Bytes that are not UTF-8, read as a decoder would read them (replacement characters).
        case INVALID_UTF8 -> s.substring(0, at)
            + new String(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE}, StandardCharsets.UTF_8)
            + s.substring(at);
      };
    }
  }

  private static void assertRejectedWithReason(FormatException rejected) {
    assertThat(rejected.code()).isNotNull();
    assertThat(rejected.getMessage()).isNotBlank();
  }

  private static void assertProblemWithReason(LineProblem problem) {
    assertThat(problem.code()).isNotNull();
    assertThat(problem.reason()).isNotBlank();
    assertThat(problem.line()).isPositive();
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
