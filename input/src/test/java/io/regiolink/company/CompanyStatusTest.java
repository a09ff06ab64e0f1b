package io.regiolink.company;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompanyStatusTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Active|active",
      "Active - Proposal to Strike off|active",
      "ACTIVE|active",
      "Dissolved|dissolved",
      "Liquidation|liquidation",
      "In Administration|administration",
      "Administration Order|administration",
      "Receivership Action|receivership",
      "Live but Receiver Manager on at least one charge|receivership",
      "Voluntary Arrangement|voluntary-arrangement",
      "Converted/Closed|converted-closed",
      "Insolvency Proceedings|insolvency-proceedings",
      "Registered|registered",
      "Something New|Something New"})
  void bulkLabelsMapToApiStatuses(String label, String status) {
    assertThat(CompanyStatus.fromBulkLabel(label)).isEqualTo(status);
  }
}
