package io.regiolink.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AnswerCacheTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final AtomicInteger renders = new AtomicInteger();

  private Supplier<byte[]> counting() {
    return () -> ("answer " + renders.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
  }

  private static String text(AnswerCache.Served served) {
    return new String(served.json(), StandardCharsets.UTF_8);
  }

  @Test
  void anAnswerYoungerThanMaxAgeIsSharedAndTellsItsAge() {
    try (AnswerCache cache = new AnswerCache(Duration.ofSeconds(1), 1 << 20, now::get)) {
      assertThat(text(cache.get("/matrix/lad?{}", counting()))).isEqualTo("answer 1");
      now.addAndGet(700);
      AnswerCache.Served again = cache.get("/matrix/lad?{}", counting());
      assertThat(text(again)).isEqualTo("answer 1");
      assertThat(again.ageMillis()).isEqualTo(700);
      assertThat(text(cache.get("/matrix/itl1?{}", counting()))).as("another key").isEqualTo("answer 2");
    }
  }

  @Test
  void anOlderAnswerIsServedOnceWhileOneReRenderRunsThenTheNewOne() {
    try (AnswerCache cache = new AnswerCache(Duration.ofSeconds(1), 1 << 20, now::get)) {
      cache.get("k", counting());
      now.addAndGet(1_500);
      assertThat(text(cache.get("k", counting()))).isEqualTo("answer 1");
      await().atMost(Duration.ofSeconds(10)).until(() -> text(cache.get("k", counting())).equals("answer 2"));
      assertThat(renders.get()).as("one re-render, however many requests came meanwhile").isEqualTo(2);
    }
  }

  @Test
  void pastFourMaxAgesARequestWaitsForTheNewAnswer() {
    try (AnswerCache cache = new AnswerCache(Duration.ofSeconds(1), 1 << 20, now::get)) {
      cache.get("k", counting());
      now.addAndGet(4_001);
      assertThat(text(cache.get("k", counting()))).isEqualTo("answer 2");
    }
  }

  @Test
  void aFailedRenderIsNotKept() {
    try (AnswerCache cache = new AnswerCache(Duration.ofSeconds(1), 1 << 20, now::get)) {
      assertThatThrownBy(() -> cache.get("k", () -> {
        throw new IllegalStateException("partition 3 unavailable");
      })).hasMessage("partition 3 unavailable");
      assertThat(text(cache.get("k", counting()))).isEqualTo("answer 1");
    }
  }

  @Test
  void zeroMaxAgeRendersEveryRequest() {
    try (AnswerCache cache = new AnswerCache(Duration.ZERO, 1 << 20, now::get)) {
      cache.get("k", counting());
      cache.get("k", counting());
      assertThat(renders.get()).isEqualTo(2);
    }
  }

  @Test
  void pastTheByteBoundTheOldestAnswersGo() {
    try (AnswerCache cache = new AnswerCache(Duration.ofSeconds(10), 20, now::get)) {
      cache.get("a", counting());
      now.addAndGet(10);
      cache.get("b", counting());
      now.addAndGet(10);
      cache.get("c", counting());
      // 3 x 8 bytes > 20: "a" went, "b" and "c" stay.
      assertThat(text(cache.get("c", counting()))).isEqualTo("answer 3");
      assertThat(text(cache.get("b", counting()))).isEqualTo("answer 2");
      assertThat(text(cache.get("a", counting()))).isEqualTo("answer 4");
    }
  }
}
