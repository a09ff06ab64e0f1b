package io.regiolink.faults;

import static io.regiolink.testing.RandomRegister.POSTCODES;
import static io.regiolink.testing.RandomRegister.SIC;
import static io.regiolink.testing.RandomRegister.pick;

import io.regiolink.alerts.AlertWindows;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventType;
import io.regiolink.avro.TradingSites;
import io.regiolink.geo.Geography;
import io.regiolink.links.ReferenceModel;
import io.regiolink.testing.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A seeded stream of company changes in phases, one alert window (a week of event time) each, and
 * the reference model's recount after every phase: the counts as each window closes.
 *
 * <p>Phase 1 registers every company with its site list. Phases 2 to 4 change them at random:
 * offices move, site lists change, companies dissolve and come back, and some records are exact
 * duplicates or stale versions, which must change nothing. Phase 3 opens a site in the City of London
 * for a third of the companies and phase 4 closes it again, so link and hub alerts are certain.
 * The last phase, past the fourth window's grace, adds a site to every company: it moves event
 * time on in every partition, which closes the windows before it.
 */
final class ChangeScript {
  static final Duration WEEK = Duration.ofDays(7);
  static final int ALERTED_PHASES = 4;
  private static final String SURGE_POSTCODE = "EC2A 1NT";

  /** One phase's records and the counts once they are all applied. */
  record Phase(int number, Instant windowStart, List<Map.Entry<String, CompanyProfileEvent>> profiles,
      List<Map.Entry<String, TradingSites>> sites, ReferenceModel.Counts after) {
    int records() {
      return profiles.size() + sites.size();
    }
  }

  /** What the script holds of one company: its latest profile fields and site list. */
  private static final class Company {
    final String number;
    long version;
    String status = "active";
    String postcode;
    List<String> sic;
    List<String> sites = new ArrayList<>();
    CompanyProfileEvent lastProfile;

    Company(String number) {
      this.number = number;
    }
  }

  private final List<Phase> phases = new ArrayList<>();
  private final Instant firstWindow;

  /**
   * @param firstWindow the start of the first alert window; the last phase lies past the fourth
   *     window's end plus grace, and all of it must lie in the past (the app rejects future events)
   */
  ChangeScript(Random random, int companies, Instant firstWindow) {
    this.firstWindow = firstWindow;
    ReferenceModel model = new ReferenceModel(Geography.load(List.of()), Set.of("active"), Instant.now());
    List<Company> register = new ArrayList<>();
    for (int i = 1; i <= companies; i++) {
      register.add(new Company(String.format("%08d", 5000 + i)));
    }
    for (int phase = 1; phase <= ALERTED_PHASES + 1; phase++) {
      Instant start = firstWindow.plus(WEEK.multipliedBy(phase - 1));
      // Event times one second apart from an hour into the window: inside it, before its grace.
      Clock clock = new Clock(phase == ALERTED_PHASES + 1 ? start.plus(Duration.ofDays(2)) : start.plusSeconds(3600));
      List<Map.Entry<String, CompanyProfileEvent>> profiles = new ArrayList<>();
      List<Map.Entry<String, TradingSites>> sites = new ArrayList<>();
      for (Company c : register) {
        if (phase == 1) {
          c.postcode = pick(random, POSTCODES);
          c.sic = List.of(pick(random, SIC), pick(random, SIC));
          profiles.add(profile(c, clock.next()));
          for (int s = 0, n = random.nextInt(4); s < n; s++) {
            c.sites.add(pick(random, POSTCODES));
          }
          sites.add(sites(c, clock.next()));
        } else if (phase == 3 && random.nextInt(3) == 0) {
          c.sites.add(SURGE_POSTCODE);
          sites.add(sites(c, clock.next()));
        } else if (phase == 4 && c.sites.remove(SURGE_POSTCODE)) {
          sites.add(sites(c, clock.next()));
        } else if (phase == ALERTED_PHASES + 1) {
          c.sites.add(pick(random, POSTCODES));
          sites.add(sites(c, clock.next()));
        }
      }
      if (phase > 1 && phase <= ALERTED_PHASES) {
        for (int change = 0; change < companies / 2; change++) {
          randomChange(random, register.get(random.nextInt(register.size())), clock, profiles, sites);
        }
      }
      profiles.forEach(p -> model.profile(p.getValue()));
      sites.forEach(s -> model.sites(s.getValue()));
      phases.add(new Phase(phase, start, profiles, sites, model.recount()));
    }
  }

  List<Phase> phases() {
    return phases;
  }

  /** The end of the window of phase {@code number} (1-based). */
  Instant windowEnd(int number) {
    return firstWindow.plus(WEEK.multipliedBy(number));
  }

  /**
   * The first window start at least {@code back} before now: a Monday, as alert windows of a week
   * start on Mondays.
   */
  static Instant firstWindowBefore(Instant now, Duration back) {
    return new AlertWindows(WEEK, Duration.ofHours(24)).startOf(now.minus(back));
  }

  private static void randomChange(Random random, Company c, Clock clock,
      List<Map.Entry<String, CompanyProfileEvent>> profiles, List<Map.Entry<String, TradingSites>> sites) {
    int kind = random.nextInt(10);
    if (kind < 3) {
      c.postcode = pick(random, POSTCODES);
      profiles.add(profile(c, clock.next()));
    } else if (kind < 6) {
      List<String> next = new ArrayList<>();
      for (int s = 0, n = random.nextInt(5); s < n; s++) {
        next.add(pick(random, POSTCODES));
      }
      c.sites = next;
      sites.add(sites(c, clock.next()));
    } else if (kind == 6) {
      c.status = c.status.equals("active") ? "dissolved" : "active";
      profiles.add(profile(c, clock.next()));
    } else if (kind == 7) {
      c.sic = List.of(pick(random, SIC));
      profiles.add(profile(c, clock.next()));
    } else if (kind == 8) {
      // The same record again, as a redelivery: it must change nothing.
      profiles.add(Map.entry(c.number, c.lastProfile));
    } else {
      // An older version arriving late: latest-wins must ignore it.
      profiles.add(Map.entry(c.number, Events.profile(c.number, "active", pick(random, POSTCODES), c.sic,
          c.version - 1, clock.next(), EventType.changed)));
    }
  }

  private static Map.Entry<String, CompanyProfileEvent> profile(Company c, Instant at) {
    c.version++;
    c.lastProfile = Events.profile(c.number, c.status, c.postcode, c.sic, c.version, at, EventType.changed);
    return Map.entry(c.number, c.lastProfile);
  }

  private static Map.Entry<String, TradingSites> sites(Company c, Instant at) {
    String[] idAndPostcode = new String[2 * c.sites.size()];
    for (int s = 0; s < c.sites.size(); s++) {
      idAndPostcode[2 * s] = "s" + s;
      idAndPostcode[2 * s + 1] = c.sites.get(s);
    }
    return Map.entry(c.number, Events.sites(c.number, at, idAndPostcode));
  }

  /** Event times of one phase, one second apart. */
  private static final class Clock {
    private Instant next;

    Clock(Instant first) {
      this.next = first;
    }

    Instant next() {
      Instant at = next;
      next = next.plusSeconds(1);
      return at;
    }
  }
}
