package io.regiolink.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The clock's close under way: what a restart resumes, and where changes go meanwhile. */
class AlertClockTest {
  private static final AlertWindows WEEKS = new AlertWindows(Duration.ofDays(7), Duration.ofHours(24));
  private static final Instant MONDAY = Instant.parse("2025-06-02T00:00:00Z");

  @Test
  void aCloseUnderWayIsKeptWithItsPositionAndResumedAfterARestart() {
    AlertClock clock = AlertClock.fresh();
    clock.advance(week(0).plusSeconds(5), WEEKS);
    List<Instant> due = clock.advance(week(2).plus(Duration.ofDays(2)), WEEKS);
    assertThat(due).containsExactly(week(1), week(2));

    clock.startClosing(due);
    clock.markClosedUpTo("lad:E06000001:E09000001:ALL");
    AlertClock restarted = AlertProcessor.load(AlertProcessor.save(clock));

    assertThat(restarted.closingEnds(WEEKS)).containsExactly(week(1), week(2));
    assertThat(restarted.closedUpTo()).isEqualTo("lad:E06000001:E09000001:ALL");
    assertThat(restarted.closedWindows()).isZero();
    restarted.finishClosing(WEEKS);
    assertThat(restarted.lastClosedEnd()).isEqualTo(week(2));
    assertThat(restarted.closedWindows()).isEqualTo(2);
    assertThat(restarted.closingUntil()).isNull();
    assertThat(restarted.closingEnds(WEEKS)).isEmpty();
  }

  @Test
  void fromTheStartOfACloseItsWindowsTakeNoMoreChanges() {
    AlertClock clock = AlertClock.fresh();
    clock.advance(week(0).plusSeconds(5), WEEKS);
    List<Instant> due = clock.advance(week(2).plus(Duration.ofDays(2)), WEEKS);
    Instant inWeekOne = week(1).plus(Duration.ofDays(3));
    assertThat(clock.windowFor(inWeekOne, WEEKS)).isEqualTo(week(1));
    assertThat(clock.isLate(inWeekOne, WEEKS)).isFalse();

    clock.startClosing(due);

    // Counted in the first window the close leaves open, whichever link it is for.
    assertThat(clock.windowFor(inWeekOne, WEEKS)).isEqualTo(week(2));
    assertThat(clock.isLate(inWeekOne, WEEKS)).isTrue();
    assertThat(clock.lastClosedEnd()).as("not closed until the pass is done").isNull();
  }

  @Test
  void aValueIsReadAtAWindowEndWithoutSettlingIt() {
    WindowedValue value = new WindowedValue(4, Map.of(week(1).toEpochMilli(), 5L, week(2).toEpochMilli(), -2L));
    assertThat(value.valueAt(null)).isEqualTo(4);
    assertThat(value.valueAt(week(1))).isEqualTo(4);
    assertThat(value.valueAt(week(2))).isEqualTo(9);
    assertThat(value.valueAt(week(3))).isEqualTo(7);
    assertThat(value.settled()).isEqualTo(4);
    assertThat(value.pending()).hasSize(2);
  }

  @Test
  void aValueIsEmptyFromAnEndWhenItIsZeroThereAndNothingFollows() {
    WindowedValue lost = new WindowedValue(4, Map.of(week(1).toEpochMilli(), -4L));
    assertThat(lost.isEmptyFrom(week(1))).as("still 4 at the end of week 1").isFalse();
    assertThat(lost.isEmptyFrom(week(2))).isTrue();
    WindowedValue back = new WindowedValue(4, Map.of(week(1).toEpochMilli(), -4L, week(2).toEpochMilli(), 1L));
    assertThat(back.isEmptyFrom(week(2))).as("a change after the end").isFalse();
  }

  private static Instant week(int k) {
    return MONDAY.plus(Duration.ofDays(7L * k));
  }
}
