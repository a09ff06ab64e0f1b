package io.regiolink.connectors.chstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesWithJitterInTheUpperHalfUpToTheCapAndResets() {
    long seed = new Random().nextLong();
    System.out.println("BackoffTest seed " + seed);
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(seed));
    long[] steps = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000};
    for (long step : steps) {
      assertThat(backoff.next().toMillis()).isBetween(step / 2, step);
    }
    backoff.reset();
    assertThat(backoff.next().toMillis()).isBetween(500L, 1000L);
  }
}
