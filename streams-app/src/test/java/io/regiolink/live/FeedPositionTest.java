package io.regiolink.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeedPositionTest {
  @Test
  void idRoundTripsAndMovesPastEachRecord() {
    FeedPosition start = FeedPosition.of(0, 10, 0, 3);
    FeedPosition next = start.after(1, 10).after(3, 7);
    assertThat(next.id()).isEqualTo("0.11.0.8");
    assertThat(FeedPosition.parse(next.id(), 4)).contains(next);
    assertThat(next.isNew(1, 10)).isFalse();
    assertThat(next.isNew(1, 11)).isTrue();
    assertThat(next.isNew(0, 0)).isTrue();
  }

  @Test
  void neverMovesBackwards() {
    assertThat(FeedPosition.of(5).after(0, 2).id()).isEqualTo("5");
  }

  @Test
  void refusesIdsOfAnotherShape() {
    assertThat(FeedPosition.parse("1.2.3", 4)).isEmpty();
    assertThat(FeedPosition.parse("1.x.3.4", 4)).isEmpty();
    assertThat(FeedPosition.parse("1.-2.3.4", 4)).isEmpty();
    assertThat(FeedPosition.parse("", 4)).isEmpty();
    assertThat(FeedPosition.parse(null, 4)).isEmpty();
  }
}
