package io.regiolink.alerts;

import java.util.Optional;

/**
 * The link rules of design section 8, comparing a link's companies at this window's end with the
 * previous window's end: EMERGED (0 to at least the threshold), LOST (at least the threshold to
 * 0), otherwise SURGE or DROP (a change of at least the percentage and at least the absolute
 * number of companies).
 */
public final class LinkShift {
  private LinkShift() {}

  public enum Kind { EMERGED, LOST, SURGE, DROP }

  public static Optional<Kind> evaluate(long before, long after, AlertThresholds t) {
    if (before == 0 && after >= t.emergedMinCompanies()) {
      return Optional.of(Kind.EMERGED);
    }
    if (after == 0 && before >= t.lostMinCompanies()) {
      return Optional.of(Kind.LOST);
    }
    long change = after - before;
    if (before > 0 && Math.abs(change) >= t.shiftMinCompanies()
        && Math.abs(change) * 100.0 >= t.shiftMinPercent() * before) {
      return Optional.of(change > 0 ? Kind.SURGE : Kind.DROP);
    }
    return Optional.empty();
  }
}
