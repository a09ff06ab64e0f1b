package io.regiolink.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regiolink.sector.SectorGroup;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryParamsTest {
  private static QueryParams params(Map<String, List<String>> raw) {
    return new QueryParams(raw, Set.of("sector", "limit", "direction", "allowPartial", "since"));
  }

  @Test
  void defaultsWhenAbsent() {
    QueryParams p = params(Map.of());
    assertThat(p.sector()).isEqualTo(SectorGroup.ALL);
    assertThat(p.limit("limit", 100)).isEqualTo(100);
    assertThat(p.choice("direction", "out", "in")).isEqualTo("out");
    assertThat(p.flag("allowPartial")).isFalse();
    assertThat(p.instant("since")).isEmpty();
  }

  @Test
  void readsGoodValues() {
    QueryParams p = params(Map.of("sector", List.of("KIBS"), "limit", List.of("10000"), "direction", List.of("in"),
        "allowPartial", List.of("true"), "since", List.of("2025-06-23")));
    assertThat(p.sector()).isEqualTo(SectorGroup.KIBS);
    assertThat(p.limit("limit", 100)).isEqualTo(10_000);
    assertThat(p.choice("direction", "out", "in")).isEqualTo("in");
    assertThat(p.flag("allowPartial")).isTrue();
    assertThat(p.instant("since")).contains(Instant.parse("2025-06-23T00:00:00Z"));
  }

  @Test
  void refusesUnknownAndRepeatedParameters() {
    assertThatThrownBy(() -> params(Map.of("sectr", List.of("KI"))))
        .isInstanceOfSatisfying(ApiProblem.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.error()).contains("sectr");
          assertThat(e.detail()).contains("sector");
        });
    assertThatThrownBy(() -> params(Map.of("sector", List.of("KI", "ALL"))))
        .isInstanceOfSatisfying(ApiProblem.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void refusesBadValuesWithWhatWouldBeRight() {
    assertBad(Map.of("sector", List.of("ki")), "sector must be one of");
    assertBad(Map.of("limit", List.of("0")), "from 1 to 10000");
    assertBad(Map.of("limit", List.of("10001")), "from 1 to 10000");
    assertBad(Map.of("limit", List.of("ten")), "whole number");
    assertBad(Map.of("direction", List.of("sideways")), "out, in");
    assertBad(Map.of("allowPartial", List.of("yes")), "false, true");
    assertBad(Map.of("since", List.of("last week")), "ISO-8601");
  }

  private static void assertBad(Map<String, List<String>> raw, String detail) {
    QueryParams p = params(raw);
    assertThatThrownBy(() -> {
      p.sector();
      p.limit("limit", 100);
      p.choice("direction", "out", "in");
      p.flag("allowPartial");
      p.instant("since");
    }).isInstanceOfSatisfying(ApiProblem.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.detail()).contains(detail);
    });
  }
}
