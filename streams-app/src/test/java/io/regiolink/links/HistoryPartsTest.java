package io.regiolink.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.internal.HistoryPart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link HistoryParts} against a plain model: group by instant, add up, drop zeros, oldest first. */
class HistoryPartsTest {

  @Property(tries = 500)
  void mergedPartsEqualThePartsAddedUpByInstant(@ForAll("parts") List<HistoryPart> parts) {
    HistoryParts sums = new HistoryParts();
    parts.forEach(sums::add);
    assertThat(sums.merged()).isEqualTo(model(parts));
  }

  @Provide
  Arbitrary<List<HistoryPart>> parts() {
    // Few instants and small measures, so that instants recur, out of order and in runs, and cancel out.
    Arbitrary<Long> measure = Arbitraries.longs().between(-2, 2);
    Arbitrary<HistoryPart> part = Combinators.combine(Arbitraries.longs().between(0, 6), measure, measure, measure,
        measure).as((at, a, b, c, d) -> new HistoryPart(Instant.ofEpochMilli(1_750_000_000_000L + at), a, b, c, d,
            a - b, c, d * 3));
    return part.list().ofMaxSize(40);
  }

  private static List<HistoryPart> model(List<HistoryPart> parts) {
    Map<Instant, long[]> byInstant = new TreeMap<>();
    for (HistoryPart p : parts) {
      long[] sum = byInstant.computeIfAbsent(p.getAt(), at -> new long[7]);
      sum[0] += p.getCompanies();
      sum[1] += p.getSites();
      sum[2] += p.getRegistered();
      sum[3] += p.getOutbound();
      sum[4] += p.getInbound();
      sum[5] += p.getSitesIn();
      sum[6] += p.getUnresolvedSites();
    }
    List<HistoryPart> merged = new ArrayList<>();
    byInstant.forEach((at, s) -> {
      if (s[0] != 0 || s[1] != 0 || s[2] != 0 || s[3] != 0 || s[4] != 0 || s[5] != 0 || s[6] != 0) {
        merged.add(new HistoryPart(at, s[0], s[1], s[2], s[3], s[4], s[5], s[6]));
      }
    });
    return merged;
  }
}
