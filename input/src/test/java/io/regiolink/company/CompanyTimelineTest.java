package io.regiolink.company;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventType;
import io.regiolink.avro.TradingSites;
import io.regiolink.avro.internal.CompanyState;
import io.regiolink.avro.internal.CompanyUpdate;
import io.regiolink.testing.Events;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The history rule of one company: what it looked like at an instant, and what pruning may drop. */
class CompanyTimelineTest {
  private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

  @Test
  void aLateOlderEventChangesThePastAndNotToday() {
    CompanyProfileEvent moved = profile(2, T0.plus(Duration.ofDays(10)), "M1 1AE", null);
    CompanyProfileEvent earlier = profile(1, T0, "LS1 4AP", null);
    CompanyState state = CompanyTimeline.insert(null, update(moved)).orElseThrow();
    state = CompanyTimeline.insert(state, update(earlier)).orElseThrow();
    assertThat(state.getProfile()).isSameAs(moved);
    assertThat(CompanyTimeline.at(state, T0.plus(Duration.ofDays(5))).profile()).isSameAs(earlier);
    assertThat(CompanyTimeline.at(state, T0.minusMillis(1)).isEmpty()).as("before its first event").isTrue();
    assertThat(CompanyTimeline.insert(state, update(profile(1, T0, "BS1 4DJ", null)))).as("a full tie").isEmpty();
  }

  @Test
  void aCompanyLooksAsItsFirstKnownVersionFromItsDateOfCreation() {
    CompanyProfileEvent snapshot = profile(5, T0.plus(Duration.ofDays(30)), "M1 1AE", LocalDate.parse("2026-05-03"));
    TradingSites sites = Events.sites("00000001", T0.plus(Duration.ofDays(30)), "a", "LS1 4AP");
    CompanyState state = CompanyTimeline.insert(null, update(snapshot)).orElseThrow();
    state = CompanyTimeline.insert(state, new CompanyUpdate("00000001", null, sites)).orElseThrow();
    // Midnight in London on 3 May 2026 is 23:00 UTC on the 2nd.
    assertThat(CompanyTimeline.since(state)).isEqualTo(Instant.parse("2026-05-02T23:00:00Z"));
    assertThat(CompanyTimeline.at(state, Instant.parse("2026-05-02T23:00:00Z")))
        .isEqualTo(new CompanyTimeline.Version(snapshot, sites));
    assertThat(CompanyTimeline.at(state, Instant.parse("2026-05-02T22:59:59.999Z")).isEmpty()).isTrue();
  }

  /**
   * Pruning keeps every answer from its start on: found by the history property test when pruning
   * dropped the profile giving the date of creation, which moved the company's start.
   */
  @Property(tries = 500)
  void pruningChangesNoAnswerFromItsStartOn(@ForAll("versions") List<CompanyUpdate> updates,
      @ForAll("offsets") int startDay) {
    CompanyState state = null;
    for (CompanyUpdate u : updates) {
      state = CompanyTimeline.insert(state, u).orElse(state);
    }
    Instant start = T0.plus(Duration.ofDays(startDay));
    CompanyState pruned = CompanyTimeline.prune(state, start);
    for (int hours = 0; hours <= 40 * 24; hours += 7) {
      Instant at = start.plus(Duration.ofHours(hours));
      assertThat(CompanyTimeline.at(pruned, at)).as("at %s, pruned at %s", at, start)
          .isEqualTo(CompanyTimeline.at(state, at));
    }
    assertThat(pruned.getProfile()).isSameAs(state.getProfile());
    assertThat(pruned.getSites()).isSameAs(state.getSites());
  }

  @Provide
  Arbitrary<List<CompanyUpdate>> versions() {
    Arbitrary<Instant> time = Arbitraries.integers().between(0, 40 * 24).map(h -> T0.plus(Duration.ofHours(h)));
    Arbitrary<LocalDate> created = Arbitraries.integers().between(-20, 30)
        .map(d -> LocalDate.parse("2026-05-01").plusDays(d)).injectNull(0.5);
    Arbitrary<CompanyUpdate> profile = Combinators.combine(Arbitraries.longs().between(0, 9), time,
        Arbitraries.of("LS1 4AP", "M1 1AE", "BS1 4DJ"), created)
        .as((tp, at, postcode, since) -> update(profile(tp, at, postcode, since)));
    Arbitrary<CompanyUpdate> sites = Combinators.combine(time, Arbitraries.of("LS1 4AP", "EC1A 1BB"))
        .as((at, postcode) -> new CompanyUpdate("00000001", null, Events.sites("00000001", at, "a", postcode)));
    return Arbitraries.oneOf(profile, sites).list().ofMinSize(1).ofMaxSize(8);
  }

  @Provide
  Arbitrary<Integer> offsets() {
    return Arbitraries.integers().between(-5, 45);
  }

  private static CompanyProfileEvent profile(long timepoint, Instant at, String postcode, LocalDate since) {
    return CompanyProfileEvent.newBuilder(Events.profile("00000001", "active", postcode, List.of("62012"), timepoint,
        at, EventType.changed)).setDateOfCreation(since).build();
  }

  private static CompanyUpdate update(CompanyProfileEvent profile) {
    return new CompanyUpdate("00000001", profile, null);
  }
}
