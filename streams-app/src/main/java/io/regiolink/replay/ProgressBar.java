package io.regiolink.replay;

import java.io.PrintWriter;

/**
 * One console line redrawn in place: {@code label [#####     ] 37% detail}. Redrawn at most every
 * 200 ms, so a loop may call it per record.
 */
public final class ProgressBar {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintWriter out;
  private final String label;
  private long lastDrawn = Long.MIN_VALUE;

  public ProgressBar(PrintWriter out, String label) {
    this.out = out;
    this.label = label;
  }

  /** Draws {@code done} of {@code total} unless it was drawn less than 200 ms ago. */
  public void update(long done, long total, String detail) {
    long now = System.nanoTime();
    if (lastDrawn != Long.MIN_VALUE && now - lastDrawn < REDRAW_NANOS) {
      return;
    }
    draw(done, total, detail);
    lastDrawn = now;
  }

  /** Draws the final state and ends the line. */
  public void finish(long done, long total, String detail) {
    draw(done, total, detail);
    out.println();
    out.flush();
  }

  private void draw(long done, long total, String detail) {
    double share = total <= 0 ? 1 : Math.min(1, (double) done / total);
    int filled = (int) (share * WIDTH);
    out.printf("\r  %s [%s%s] %3.0f%% %s", label, "#".repeat(filled), " ".repeat(WIDTH - filled), share * 100, detail);
    out.flush();
  }
}
