package io.regiolink.replay;

import java.io.PrintWriter;

/**
 * Progress as {@code label [#####     ] 37% detail}. On a terminal, one line redrawn in place at
 * most every 200 ms, so a loop may call it per record. Elsewhere (CI logs, files, pipes), where a
 * carriage return does not redraw but piles up into one long line, a line of its own at each tenth.
 */
public final class ProgressBar {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintWriter out;
  private final String label;
  private final boolean redraw;
  private long lastDrawn = Long.MIN_VALUE;
  private int lastTenth = -1;

  /**
   * @param redraw true to redraw one line in place (a terminal), false for a line per tenth
   */
  public ProgressBar(PrintWriter out, String label, boolean redraw) {
    this.out = out;
    this.label = label;
    this.redraw = redraw;
  }

  /** Redrawn in place when this process writes to a terminal, a line per tenth otherwise. */
  public static ProgressBar onConsole(PrintWriter out, String label) {
    return new ProgressBar(out, label, System.console() != null);
  }

  /** Draws {@code done} of {@code total} unless it was drawn less than 200 ms ago (or, as lines, in this tenth). */
  public void update(long done, long total, String detail) {
    if (redraw) {
      long now = System.nanoTime();
      if (lastDrawn != Long.MIN_VALUE && now - lastDrawn < REDRAW_NANOS) {
        return;
      }
      lastDrawn = now;
    } else {
      int tenth = (int) (share(done, total) * 10);
      if (tenth == lastTenth) {
        return;
      }
      lastTenth = tenth;
    }
    draw(done, total, detail);
  }

  /** Draws the final state and ends the line. */
  public void finish(long done, long total, String detail) {
    draw(done, total, detail);
    if (redraw) {
      out.println();
    }
    out.flush();
  }

  private static double share(long done, long total) {
    return total <= 0 ? 1 : Math.min(1, (double) done / total);
  }

  private void draw(long done, long total, String detail) {
    double share = share(done, total);
    int filled = (int) (share * WIDTH);
    String line = String.format("  %s [%s%s] %3.0f%% %s", label, "#".repeat(filled), " ".repeat(WIDTH - filled),
        share * 100, detail);
    if (redraw) {
      out.print("\r" + line);
    } else {
      out.println(line);
    }
    out.flush();
  }
}
