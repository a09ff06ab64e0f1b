package io.regiolink.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.alerts.LinkShift.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertRulesTest {
  static final AlertThresholds T = AlertSettings.DEFAULT.thresholds();

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource(nullValues = "none", value = {
      "0, 3, EMERGED",   // exactly at the threshold
      "0, 2, none",
      "0, 40, EMERGED",  // EMERGED wins over SURGE
      "3, 0, LOST",      // exactly at the threshold
      "2, 0, none",
      "20, 25, SURGE",   // +25% and +5: both exactly at the thresholds
      "20, 24, none",    // +20%
      "8, 12, none",     // +50% but only +4 companies
      "20, 15, DROP",    // -25%, -5
      "21, 16, none",    // -23.8%
      "5, 5, none",
      "4, 0, LOST"})
  void linkRules(long before, long after, Kind expected) {
    assertThat(LinkShift.evaluate(before, after, T)).isEqualTo(java.util.Optional.ofNullable(expected));
  }

  @Test
  void windowsAreWeeksFromMondayMidnightUtc() {
    AlertWindows w = new AlertWindows(Duration.ofDays(7), Duration.ofHours(24));
    Instant sunday = Instant.parse("2026-11-29T23:59:59Z");
    Instant monday = Instant.parse("2026-11-30T00:00:00Z");
    assertThat(w.startOf(sunday)).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
    assertThat(w.startOf(monday)).isEqualTo(monday);
    assertThat(w.endOf(w.startOf(sunday))).isEqualTo(monday);
    assertThat(w.isClosed(monday, Instant.parse("2026-11-30T23:59:59Z"))).as("within grace").isFalse();
    assertThat(w.isClosed(monday, Instant.parse("2026-12-01T00:00:00Z"))).as("end + grace").isTrue();
    assertThat(w.startOf(Instant.parse("1969-12-31T12:00:00Z"))).isEqualTo(Instant.parse("1969-12-29T00:00:00Z"));
  }

  @Test
  void aRegionEnteringAndOneLeavingTheTopTen() {
    Map<String, Long> before = new HashMap<>();
    Map<String, Long> after = new HashMap<>();
    for (int i = 1; i <= 11; i++) {
      before.put(String.format("R%02d", i), 100L - i);
      after.put(String.format("R%02d", i), 100L - i);
    }
    after.put("R11", 95L); // climbs from 11th to 6th, pushing R10 out
    var moves = HubRanking.moves(before, after, 10);
    assertThat(moves).hasSize(2);
    assertThat(moves.get(0).region()).isEqualTo("R10");
    assertThat(moves.get(0).entered()).isFalse();
    assertThat(moves.get(0).rankBefore()).isEqualTo(10);
    assertThat(moves.get(1).region()).isEqualTo("R11");
    assertThat(moves.get(1).entered()).isTrue();
    assertThat(moves.get(1).rankAfter()).as("95 ties R05, which wins on code").isEqualTo(6);
  }

  @Test
  void tiesRankByRegionCodeSoReplaysAgree() {
    Map<String, Long> inbound = Map.of("B", 5L, "A", 5L, "C", 7L, "D", 0L);
    assertThat(HubRanking.ranks(inbound)).isEqualTo(Map.of("C", 1, "A", 2, "B", 3));
  }

  @Test
  void noMovesWhenTheTopListIsUnchanged() {
    assertThat(HubRanking.moves(Map.of("A", 3L, "B", 2L), Map.of("A", 9L, "B", 1L), 10)).isEmpty();
  }
}
