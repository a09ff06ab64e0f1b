package io.regiolink.company;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompanyNumberTest {
  @Test
  void normalisesAsTheDesignSays() {
    assertThat(CompanyNumber.normalise("123")).contains("00000123");
    assertThat(CompanyNumber.normalise("01234567")).contains("01234567");
    assertThat(CompanyNumber.normalise(" sc 1234 ")).contains("SC001234");
    assertThat(CompanyNumber.normalise("NI123456")).contains("NI123456");
    assertThat(CompanyNumber.normalise("OC1")).contains("OC000001");
  }

  /** Registered societies as they appear in the real register (../shared/data/real, design section 3). */
  @Test
  void acceptsTheRealRegistersSocietyNumbers() {
    assertThat(CompanyNumber.normalise("IP28814R")).contains("IP28814R");
    assertThat(CompanyNumber.normalise("IP00261C")).contains("IP00261C");
    assertThat(CompanyNumber.normalise("rs07662r")).contains("RS07662R");
  }

  @Test
  void refusesWhatIsNotACompanyNumber() {
    assertThat(CompanyNumber.normalise(null)).isEmpty();
    assertThat(CompanyNumber.normalise("")).isEmpty();
    assertThat(CompanyNumber.normalise("123456789")).isEmpty();
    assertThat(CompanyNumber.normalise("SC1234567")).isEmpty();
    assertThat(CompanyNumber.normalise("S1234")).isEmpty();
    assertThat(CompanyNumber.normalise("ABC123")).isEmpty();
    assertThat(CompanyNumber.normalise("12-34")).isEmpty();
    assertThat(CompanyNumber.normalise("IP2881R")).isEmpty();
    assertThat(CompanyNumber.normalise("IP28814R9")).isEmpty();
    assertThat(CompanyNumber.normalise("IP2881-R")).isEmpty();
  }
}
