package io.regiolink.links;

import io.regiolink.avro.internal.HistoryPart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * History parts added up by instant, in flat arrays. Appended to for every delta of a change inside
 * the retained history, so appending is cheap: the parts mostly come oldest first, and a part at
 * the newest instant so far is added into it; sorting and merging wait for {@link #merged()}, once
 * per commit. A sorted map here took 4% of the stream threads' time in a profile of the bench with
 * every change recorded.
 */
final class HistoryParts {
  private static final int MEASURES = 7;

  private long[] times = new long[4];
  private long[] measures = new long[4 * MEASURES];
  private int size;
  private boolean ordered = true;

  void addAll(List<HistoryPart> parts) {
    for (HistoryPart part : parts) {
      add(part);
    }
  }

  void add(HistoryPart p) {
    long at = p.getAt().toEpochMilli();
    int i;
    if (size > 0 && times[size - 1] == at) {
      i = size - 1;
    } else {
      if (size == times.length) {
        times = Arrays.copyOf(times, size * 2);
        measures = Arrays.copyOf(measures, size * 2 * MEASURES);
      }
      ordered &= size == 0 || at > times[size - 1];
      i = size++;
      times[i] = at;
    }
    int m = i * MEASURES;
    measures[m] += p.getCompanies();
    measures[m + 1] += p.getSites();
    measures[m + 2] += p.getRegistered();
    measures[m + 3] += p.getOutbound();
    measures[m + 4] += p.getInbound();
    measures[m + 5] += p.getSitesIn();
    measures[m + 6] += p.getUnresolvedSites();
  }

  /** The parts, one per instant, oldest first, without the instants where they cancelled out. */
  List<HistoryPart> merged() {
    int[] order = ordered ? null : oldestFirst();
    List<HistoryPart> parts = new ArrayList<>(size);
    long[] sum = new long[MEASURES];
    for (int k = 0; k < size; k++) {
      int i = order == null ? k : order[k];
      boolean zero = true;
      for (int j = 0; j < MEASURES; j++) {
        sum[j] += measures[i * MEASURES + j];
        zero &= sum[j] == 0;
      }
      if (k + 1 < size && times[order == null ? k + 1 : order[k + 1]] == times[i]) {
        continue; // the same instant again (out of order): merged into one part
      }
      if (!zero) {
        parts.add(new HistoryPart(Instant.ofEpochMilli(times[i]), sum[0], sum[1], sum[2], sum[3], sum[4], sum[5],
            sum[6]));
      }
      Arrays.fill(sum, 0);
    }
    return parts;
  }

  private int[] oldestFirst() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }
}
