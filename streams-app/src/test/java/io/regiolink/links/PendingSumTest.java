package io.regiolink.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.regiolink.avro.internal.CountDelta;
import io.regiolink.avro.internal.DeltaTarget;
import io.regiolink.avro.internal.HistoryPart;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingSumTest {
  static CountDelta delta(long companies, long sitesIn, Instant at) {
    return CountDelta.newBuilder().setTarget(DeltaTarget.REGION).setScheme("custom-é").setOrigin("E09000001")
        .setDestination("").setSector("KI").setCompanies(companies).setSites(2).setRegistered(3).setOutbound(-4)
        .setInbound(5).setSitesIn(sitesIn).setUnresolvedSites(7).setEventTime(at).build();
  }

  @Test
  void oneDeltaComesBackAsItWent() {
    CountDelta d = delta(1, 6, Instant.parse("2025-01-06T10:00:00Z"));
    assertThat(new PendingSum(d).toDelta()).isEqualTo(d);
  }

  @Test
  void addingSumsEveryMeasureAndKeepsTheLaterEventTime() {
    Instant early = Instant.parse("2025-01-06T10:00:00Z");
    Instant late = early.plusSeconds(60);
    PendingSum sum = new PendingSum(delta(1, 6, late));
    sum.add(delta(-3, 10, early));
    CountDelta total = sum.toDelta();
    assertThat(total.getCompanies()).isEqualTo(-2);
    assertThat(total.getSites()).isEqualTo(4);
    assertThat(total.getRegistered()).isEqualTo(6);
    assertThat(total.getOutbound()).isEqualTo(-8);
    assertThat(total.getInbound()).isEqualTo(10);
    assertThat(total.getSitesIn()).isEqualTo(16);
    assertThat(total.getUnresolvedSites()).isEqualTo(14);
    assertThat(total.getEventTime()).isEqualTo(late);
    assertThat(total.getScheme()).isEqualTo("custom-é");
    assertThat(total.getTarget()).isEqualTo(DeltaTarget.REGION);
  }

  @Test
  void historyPartsAddUpByInstantOldestFirstWithoutThoseThatCancel() {
    Instant first = Instant.parse("2025-01-06T10:00:00Z");
    Instant second = first.plusSeconds(1);
    Instant third = first.plusSeconds(2);
    PendingSum sum = new PendingSum(withHistory(delta(1, 0, third), part(third, 1)));
    sum.add(withHistory(delta(0, 0, first), part(first, 1), part(second, -1)));
    sum.add(delta(5, 0, first)); // before the retained history: in the total only
    sum.add(withHistory(delta(-1, 0, second), part(third, -1), part(first, 2)));
    CountDelta total = sum.toDelta();
    assertThat(total.getCompanies()).isEqualTo(5);
    assertThat(total.getHistory()).extracting(HistoryPart::getAt, HistoryPart::getCompanies)
        .containsExactly(tuple(first, 3L), tuple(second, -1L));
    assertThat(total.getHistory().get(0).getSitesIn()).isEqualTo(6 * 3);
  }

  private static CountDelta withHistory(CountDelta d, HistoryPart... parts) {
    return CountDelta.newBuilder(d).setHistory(List.of(parts)).build();
  }

  private static HistoryPart part(Instant at, long companies) {
    return new HistoryPart(at, companies, 0L, 0L, 0L, 0L, 6 * companies, 0L);
  }
}
