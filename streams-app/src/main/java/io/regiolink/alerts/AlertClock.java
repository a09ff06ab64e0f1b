package io.regiolink.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Event time as one partition of alert input has seen it: stream time (the newest event time),
 * and the end of the last window closed. Windows close in order, once stream time passes their
 * end plus the grace period.
 */
public final class AlertClock {
  private Instant streamTime;
  private Instant earliest;
  private Instant lastClosedEnd;
  private long closedWindows;

  /**
   * @param earliest the oldest event time seen before the first window closed: where the first
   *     window to close starts
   */
  public AlertClock(Instant streamTime, Instant earliest, Instant lastClosedEnd, long closedWindows) {
    this.streamTime = streamTime;
    this.earliest = earliest;
    this.lastClosedEnd = lastClosedEnd;
    this.closedWindows = closedWindows;
  }

  public static AlertClock fresh() {
    return new AlertClock(null, null, null, 0);
  }

  public Instant streamTime() {
    return streamTime;
  }

  public Instant earliest() {
    return earliest;
  }

  public Instant lastClosedEnd() {
    return lastClosedEnd;
  }

  public long closedWindows() {
    return closedWindows;
  }

  /**
   * The window a change of this event time counts in: its own, or the first open one when its own
   * is already closed (a late change counts in the next window, as the design says).
   */
  public Instant windowFor(Instant eventTime, AlertWindows windows) {
    Instant start = windows.startOf(eventTime);
    return lastClosedEnd != null && start.isBefore(lastClosedEnd) ? lastClosedEnd : start;
  }

  public boolean isLate(Instant eventTime, AlertWindows windows) {
    return lastClosedEnd != null && windows.startOf(eventTime).isBefore(lastClosedEnd);
  }

  /** Moves stream time forward and returns the ends of the windows that are now closed, oldest first. */
  public List<Instant> advance(Instant eventTime, AlertWindows windows) {
    if (streamTime == null || eventTime.isAfter(streamTime)) {
      streamTime = eventTime;
    }
    if (lastClosedEnd == null && (earliest == null || eventTime.isBefore(earliest))) {
      earliest = eventTime;
    }
    List<Instant> closing = new ArrayList<>();
    Instant next = lastClosedEnd == null ? windows.endOf(windows.startOf(earliest)) : lastClosedEnd.plus(windows.length());
    while (windows.isClosed(next, streamTime)) {
      closing.add(next);
      next = next.plus(windows.length());
    }
    return closing;
  }

  /** Records that the window ending at {@code end} is closed. */
  public void closed(Instant end) {
    lastClosedEnd = end;
    closedWindows++;
  }

  /** Whether a window end before this one was evaluated, so there is something to compare with. */
  public boolean hasPreviousWindowEnd() {
    return closedWindows > 0;
  }
}
