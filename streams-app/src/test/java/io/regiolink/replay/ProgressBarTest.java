package io.regiolink.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Progress on a terminal (one line redrawn) and in a log (a line per tenth). */
class ProgressBarTest {

  private static String run(boolean redraw) {
    StringWriter text = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(text), "f.csv", redraw);
    for (int done = 0; done < 1000; done++) {
      bar.update(done, 1000, done + " sent");
    }
    bar.finish(1000, 1000, "1000 sent");
    return text.toString();
  }

  @Test
  void inALogEachTenthIsALineOfItsOwnWithNoCarriageReturns() {
    String log = run(false);
    assertThat(log).doesNotContain("\r");
    assertThat(log.lines()).hasSize(11).first().asString().contains("[").contains("0%");
    assertThat(log.lines().toList().get(5)).contains(" 50% 500 sent");
    assertThat(log.lines().toList().get(10)).contains("[" + "#".repeat(30) + "] 100% 1000 sent");
  }

  @Test
  void onATerminalOneLineIsRedrawnInPlaceAndEndedOnce() {
    String terminal = run(true);
    assertThat(terminal).startsWith("\r").endsWith(System.lineSeparator());
    assertThat(terminal.split("\n", -1)).as("one line ended, nothing after it").hasSize(2);
    assertThat(terminal).contains("100% 1000 sent");
  }
}
