package io.regiolink.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one CSV reader and header every input format uses, on the cases real files bring. */
class CsvReaderTest {

  private static List<CsvRow> rows(String text) {
    List<CsvRow> rows = new ArrayList<>();
    new CsvReader(new StringReader(text)).forEachRemaining(rows::add);
    return rows;
  }

  @Test
  void aQuotedFieldMayHoldALineBreakAndTheNextRowKeepsItsOwnLineNumber() {
    List<CsvRow> rows = rows("a,b\n\"1 High St\nLeeds\",x\n2,y\n");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1).fields()).containsExactly("1 High St\nLeeds", "x");
    assertThat(rows.get(1).line()).isEqualTo(2);
    assertThat(rows.get(2).line()).isEqualTo(4);
  }

  @Test
  void doubledQuotesAreOneQuoteAndAnEmptyQuotedFieldIsEmpty() {
    CsvRow row = rows("\"say \"\"hi\"\"\",\"\",plain\n").get(0);
    assertThat(row.fields()).containsExactly("say \"hi\"", "", "plain");
    assertThat(row.syntaxProblem()).isEmpty();
  }

  @Test
  void crlfAndLfBothEndARowAndBlankLinesAreSkippedButCounted() {
    List<CsvRow> rows = rows("a,b\r\n1,2\r\n\r\n3,4\n\n5,6");
    assertThat(rows).extracting(CsvRow::fields)
        .containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"), List.of("5", "6"));
    assertThat(rows).extracting(CsvRow::line).containsExactly(1, 2, 4, 6);
  }

  @Test
  void aByteOrderMarkDoesNotHideTheFirstColumnAndNamesAreTrimmedAndCaseBlind() {
    CsvHeader header = CsvHeader.of(rows("\uFEFFcompany_number, Site_ID ,postal_code\n").get(0));
    assertThat(header.column("company_number")).contains(0);
    assertThat(header.column("site_id")).contains(1);
    assertThat(header.column("label")).isEmpty();
    assertThat(header.firstMissing(List.of("company_number", "label", "as_of"))).isEqualTo(Optional.of("label"));
    CsvRow row = rows("ZZ1, s1 ,LS1 4AP\n").get(0);
    assertThat(header.field(row, "SITE_ID")).isEqualTo("s1");
    assertThat(header.field(row, "label")).isEmpty();
    assertThat(header.field(rows("ZZ1\n").get(0), "postal_code")).as("a short row").isEmpty();
  }

  @Test
  void unbalancedQuotesAreReportedWithTheLineTheRowStartedOn() {
    List<CsvRow> rows = rows("a,b\n1,\"open\n2,3\n");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).line()).isEqualTo(2);
    assertThat(rows.get(1).syntaxProblem()).hasValueSatisfying(p -> assertThat(p).contains("not closed"));
    assertThat(rows("\"a\"b,c\n").get(0).syntaxProblem()).hasValueSatisfying(p -> assertThat(p).contains("after a closing quote"));
  }
}
