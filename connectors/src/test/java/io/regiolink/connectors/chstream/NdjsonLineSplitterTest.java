package io.regiolink.connectors.chstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NdjsonLineSplitterTest {

  private static final String EVENT_1 =
      "{\"resource_id\":\"01234567\",\"data\":{\"company_name\":\"Côte Ltd\"},\"event\":{\"timepoint\":1}}";
  private static final String EVENT_2 =
      "{\"resource_id\":\"SC123456\",\"data\":{},\"event\":{\"timepoint\":2}}";

  @Test
  void joinsAnEventSplitAcrossChunksAndSkipsHeartbeats() {
    var splitter = new NdjsonLineSplitter(1 << 20);
    byte[] body = (EVENT_1 + "\n\n\n" + EVENT_2 + "\r\n").getBytes(StandardCharsets.UTF_8);

    List<String> lines = new ArrayList<>();
    lines.addAll(splitter.accept(body, 0, 10));
    assertThat(lines).isEmpty();
    assertThat(splitter.pendingBytes()).isEqualTo(10);
    lines.addAll(splitter.accept(body, 10, body.length - 10));

    assertThat(lines).containsExactly(EVENT_1, EVENT_2);
    assertThat(splitter.heartbeats()).isEqualTo(2);
    assertThat(splitter.pendingBytes()).isZero();
  }

  @Test
  void anyChunkingGivesTheSameLines() {
    long seed = System.nanoTime();
    System.out.println("NdjsonLineSplitterTest seed=" + seed);
    Random random = new Random(seed);
    byte[] body = (EVENT_1 + "\n" + "\n" + EVENT_2 + "\n" + EVENT_1 + "\n").getBytes(StandardCharsets.UTF_8);
    for (int round = 0; round < 200; round++) {
      var splitter = new NdjsonLineSplitter(1 << 20);
      List<String> lines = new ArrayList<>();
      int at = 0;
      while (at < body.length) {
        // Cuts fall anywhere, including inside the two-byte 'ô'.
        int length = Math.min(body.length - at, 1 + random.nextInt(7));
        lines.addAll(splitter.accept(body, at, length));
        at += length;
      }
      assertThat(lines).as("seed %d round %d", seed, round).containsExactly(EVENT_1, EVENT_2, EVENT_1);
    }
  }

  @Test
  void aDroppedConnectionLosesOnlyTheUnfinishedLine() {
    var splitter = new NdjsonLineSplitter(1 << 20);
    byte[] first = (EVENT_1 + "\n" + EVENT_2.substring(0, 20)).getBytes(StandardCharsets.UTF_8);
    assertThat(splitter.accept(first, 0, first.length)).containsExactly(EVENT_1);

    splitter.reset();
    byte[] again = (EVENT_2 + "\n").getBytes(StandardCharsets.UTF_8);
    assertThat(splitter.accept(again, 0, again.length)).containsExactly(EVENT_2);
  }

  @Test
  void refusesALineWithoutEnd() {
    var splitter = new NdjsonLineSplitter(16);
    byte[] garbage = "x".repeat(17).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> splitter.accept(garbage, 0, garbage.length))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("16 bytes");
  }
}
