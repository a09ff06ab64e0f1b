package io.regiolink.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Event time as one partition of alert input has seen it: stream time (the newest event time),
 * the end of the last window closed, and the close under way, if any. Windows close in order,
 * once stream time passes their end plus the grace period.
 *
 * <p>A close of link windows is a pass over every link that can take many punctuations. From its
 * start, the windows it closes take no more changes (a change for one of them counts in the next
 * window, as a late change), so every link is evaluated on the same changes whenever the pass
 * reaches it; and the pass's position is kept here, so that after a restart it resumes where it
 * was instead of raising the alerts of the links it had done again.
 */
public final class AlertClock {
  private Instant streamTime;
  private Instant earliest;
  private Instant lastClosedEnd;
  private long closedWindows;
  private Instant closingUntil;
  private String closedUpTo;

  /**
   * @param earliest the oldest event time seen before the first window closed: where the first
   *     window to close starts
   */
  public AlertClock(Instant streamTime, Instant earliest, Instant lastClosedEnd, long closedWindows) {
    this(streamTime, earliest, lastClosedEnd, closedWindows, null, null);
  }

  /**
   * @param closingUntil the end of the last window of the close under way; null when none is
   * @param closedUpTo the last key that close has evaluated; null before the first
   */
  public AlertClock(Instant streamTime, Instant earliest, Instant lastClosedEnd, long closedWindows,
      Instant closingUntil, String closedUpTo) {
    this.streamTime = streamTime;
    this.earliest = earliest;
    this.lastClosedEnd = lastClosedEnd;
    this.closedWindows = closedWindows;
    this.closingUntil = closingUntil;
    this.closedUpTo = closedUpTo;
  }

  public static AlertClock fresh() {
    return new AlertClock(null, null, null, 0);
  }

  /** The end of the last window of the close under way; null when none is. */
  public Instant closingUntil() {
    return closingUntil;
  }

  /** The last key the close under way has evaluated; null before the first. */
  public String closedUpTo() {
    return closedUpTo;
  }

  /** Starts a close of the windows ending at {@code ends} (oldest first, the next ones to close). */
  public void startClosing(List<Instant> ends) {
    closingUntil = ends.get(ends.size() - 1);
    closedUpTo = null;
  }

  /** The close under way has evaluated every key up to {@code key}. */
  public void markClosedUpTo(String key) {
    closedUpTo = key;
  }

  /** The ends of the windows of the close under way, oldest first; empty when none is. */
  public List<Instant> closingEnds(AlertWindows windows) {
    List<Instant> ends = new ArrayList<>();
    if (closingUntil != null) {
      for (Instant end = nextEnd(windows); !end.isAfter(closingUntil); end = end.plus(windows.length())) {
        ends.add(end);
      }
    }
    return ends;
  }

  /** Ends the close under way: its windows are closed. */
  public void finishClosing(AlertWindows windows) {
    for (Instant end : closingEnds(windows)) {
      closed(end);
    }
    closingUntil = null;
    closedUpTo = null;
  }

  /** Where changes of earlier windows go instead: the end of the last window closed or being closed. */
  private Instant cutoff() {
    return closingUntil != null ? closingUntil : lastClosedEnd;
  }

  private Instant nextEnd(AlertWindows windows) {
    return lastClosedEnd == null ? windows.endOf(windows.startOf(earliest)) : lastClosedEnd.plus(windows.length());
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
    Instant cutoff = cutoff();
    return cutoff != null && start.isBefore(cutoff) ? cutoff : start;
  }

  public boolean isLate(Instant eventTime, AlertWindows windows) {
    Instant cutoff = cutoff();
    return cutoff != null && windows.startOf(eventTime).isBefore(cutoff);
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
    Instant next = nextEnd(windows);
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
