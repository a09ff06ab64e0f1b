package io.regiolink.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How far back the counts' history reaches, and the instants it can answer for. A change is
 * recorded when its time on the company's timeline is within the retention of the wall clock at
 * the moment it is counted; so at any moment, every change after {@code now - retention} is
 * recorded, and any instant from then on can be answered exactly. Earlier ones cannot, and are
 * refused rather than answered short.
 *
 * <p>Days are UTC days. A day-resolution answer (whole matrices, hubs, a region's links) is the
 * state at the last millisecond of a day.
 */
public record HistoryRetention(Duration retention) {
  public HistoryRetention {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("the history retention must be positive, not " + retention);
    }
  }

  /** The retention as the setting takes it: P400D for whole days, else the ISO-8601 duration. */
  @Override
  public String toString() {
    return retention.toSeconds() % 86_400 == 0 ? "P" + retention.toDays() + "D" : retention.toString();
  }

  /** The earliest instant whose state can be answered at wall-clock time {@code now}. */
  public Instant start(Instant now) {
    return now.minus(retention);
  }

  /** Whether the state at {@code instant} can be answered at {@code now}: every change after it is recorded. */
  public boolean covers(Instant instant, Instant now) {
    return !instant.isBefore(start(now));
  }

  /** The earliest day whose state (at its last millisecond) can be answered at {@code now}. */
  public LocalDate earliestDay(Instant now) {
    LocalDate day = day(start(now));
    return covers(endOf(day), now) ? day : day.plusDays(1);
  }

  /** The UTC day an instant falls in. */
  public static LocalDate day(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  /** The first millisecond of a UTC day: where day-resolution history keeps that day's changes. */
  public static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The last millisecond of a UTC day: the instant a day-resolution answer for that day reflects. */
  public static Instant endOf(LocalDate day) {
    return startOf(day.plusDays(1)).minusMillis(1);
  }

  /**
   * The instant a day-resolution answer for {@code instant} reflects: the end of the last day that
   * has fully passed by then (the instant itself when it is a day's last millisecond).
   */
  public static Instant dayResolution(Instant instant) {
    LocalDate day = day(instant);
    return endOf(day).equals(instant) ? instant : endOf(day.minusDays(1));
  }
}
