package io.regiolink.sample;

import io.regiolink.avro.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * The sample register's day-to-day changes on the simulated clock: registered-office moves, new
 * and closed sites, dissolutions and new incorporations. Each simulated day is drawn from a
 * random stream of its own (seed and day number), so a restarted demo can re-run the days it has
 * already sent, without sending them, and carry on exactly where it stopped.
 */
public final class Trickle {
  /** Changes per simulated day, as a share of the register. */
  static final double DAILY_CHANGE_RATE = 0.004;

  private final SyntheticRegister register;
  private final long seed;

  /** One input record of a simulated day. */
  public record Event(boolean profile, String key, SpecificRecord value, Instant eventTime) {}

  /** Every fortnight, on this day of it, a small cluster of firms relocates together (see {@link #clusterMove}). */
  static final int CLUSTER_MOVE_DAY = 10;
  static final int CLUSTER_SIZE = 6;

  /** A simulated day: its events in time order, and what they were, for the log. */
  public record Day(List<Event> events, int moves, int newSites, int closedSites, int dissolutions, int incorporations,
      String clusterMove) {
    @Override
    public String toString() {
      return moves + " moves, " + newSites + " new sites, " + closedSites + " closed sites, " + dissolutions
          + " dissolutions, " + incorporations + " incorporations" + (clusterMove.isEmpty() ? "" : "; " + clusterMove);
    }
  }

  /** What one day did so far, for its log line. */
  private static final class DayTally {
    int moves;
    int newSites;
    int closedSites;
    int dissolutions;
    int incorporations;
  }

  public Trickle(SyntheticRegister register, long seed) {
    this.register = register;
    this.seed = seed;
  }

  /** Applies simulated day {@code day} (1, 2, ...) starting at {@code dayStart} to the register. */
  public Day day(int day, Instant dayStart) {
    DayTally counts = new DayTally();
    Random random = new Random(seed * 1_000_003L + day);
    int changes = Math.max(1, (int) Math.round(register.size() * DAILY_CHANGE_RATE * (0.7 + 0.6 * random.nextDouble())));
    List<Event> events = new ArrayList<>();
    long timepoint = 1_000_000_000L + day * 100_000L;
    List<SampleCompany> companies = register.companies();
    for (int i = 0; i < changes; i++) {
      Instant at = dayStart.plus(Duration.ofSeconds((long) i * 86_400 / changes + random.nextInt(60)));
      double kind = random.nextDouble();
      SampleCompany c = companies.get(random.nextInt(companies.size()));
      if (kind < 0.15) {
        SampleCompany born = register.newCompany(random);
        register.add(born);
        events.add(new Event(true, born.number, SyntheticRegister.profile(born, timepoint++, at, EventType.changed, List.of()), at));
        events.add(new Event(false, born.number, SyntheticRegister.sites(born, at), at));
        counts.incorporations++;
      } else if (!"active".equals(c.status)) {
        continue;
      } else if (kind < 0.45) {
        String district = c.officePostcode.substring(0, c.officePostcode.indexOf(' '));
        String target = register.otherSite(district, random);
        c.officePostcode = SampleGeography.postcode(target, random);
        c.sites.get(0)[1] = c.officePostcode; // the head office moves with the registered office
        events.add(new Event(true, c.number, SyntheticRegister.profile(c, timepoint++, at, EventType.changed,
            List.of("registered_office_address.postal_code")), at));
        events.add(new Event(false, c.number, SyntheticRegister.sites(c, at), at));
        counts.moves++;
      } else if (kind < 0.75) {
        String district = c.officePostcode.substring(0, c.officePostcode.indexOf(' '));
        c.addSite(SampleGeography.postcode(register.otherSite(district, random), random));
        events.add(new Event(false, c.number, SyntheticRegister.sites(c, at), at));
        counts.newSites++;
      } else if (kind < 0.90) {
        if (c.sites.size() > 1) {
          c.sites.remove(1 + random.nextInt(c.sites.size() - 1));
          events.add(new Event(false, c.number, SyntheticRegister.sites(c, at), at));
          counts.closedSites++;
        }
      } else {
        c.status = "dissolved";
        events.add(new Event(true, c.number, SyntheticRegister.profile(c, timepoint++, at, EventType.changed,
            List.of("company_status")), at));
        counts.dissolutions++;
      }
    }
    String cluster = day % 14 == CLUSTER_MOVE_DAY
        ? clusterMove(random, dayStart.plus(Duration.ofHours(13)), timepoint + changes + 1, events) : "";
    events.sort(Comparator.comparing(Event::eventTime));
    return new Day(events, counts.moves, counts.newSites, counts.closedSites, counts.dissolutions,
        counts.incorporations, cluster);
  }

  /**
   * The kind of shift the alerts exist for: a handful of knowledge-intensive firms registered in
   * one local authority move their registered offices to a hub together, keeping their old
   * premises as a trading site, so a new link from the hub back to where they came from appears.
   */
  private String clusterMove(Random random, Instant at, long timepoint, List<Event> events) {
    SampleGeography geo = register.geography();
    List<SampleCompany> candidates = register.companies().stream()
        .filter(c -> c.knowledgeIntensive && "active".equals(c.status)
            && !SampleGeography.HUB_LADS.contains(geo.ladOf(c.officeDistrict())))
        .toList();
    if (candidates.isEmpty()) {
      return "";
    }
    // All from one local authority, so the hub-to-home link is new at the finest scheme too.
    String fromLad = geo.ladOf(candidates.get(random.nextInt(candidates.size())).officeDistrict());
    List<SampleCompany> movers = candidates.stream().filter(c -> geo.ladOf(c.officeDistrict()).equals(fromLad))
        .collect(Collectors.toCollection(ArrayList::new));
    Collections.shuffle(movers, random);
    String hub = geo.hubDistrict(random);
    int moved = 0;
    for (SampleCompany c : movers.subList(0, Math.min(CLUSTER_SIZE, movers.size()))) {
      c.officePostcode = SampleGeography.postcode(hub, random);
      c.addSite(c.officePostcode);
      events.add(new Event(true, c.number, SyntheticRegister.profile(c, timepoint++, at, EventType.changed,
          List.of("registered_office_address.postal_code")), at));
      events.add(new Event(false, c.number, SyntheticRegister.sites(c, at), at));
      moved++;
    }
    return "cluster move: " + moved + " knowledge-intensive firms from " + fromLad + " to " + hub;
  }
}
