package io.regiolink.company;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.TradingSites;
import io.regiolink.avro.internal.CompanyState;
import io.regiolink.avro.internal.CompanyUpdate;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A company's versions on event time, and the state it was in at any instant: the history rule
 * (design section 3, "History"). It extends {@link LatestWins}, which gives the state at the end of
 * the timeline, today's state:
 * <ul>
 *   <li>the profile in effect at T is the latest, by the latest-wins order, of those published at
 *       or before T; the site list in effect is the one with the latest {@code as_of} at or before T;
 *   <li>before its first known version, a company looks as that version says from its date of
 *       creation on (Europe/London midnight): a bulk snapshot, read on its own, places every company
 *       at its incorporation date with the state the snapshot gives, and an older event arriving
 *       later refines that;
 *   <li>a version that ties an existing one (same timepoint and published_at, or same as_of)
 *       changes nothing, as under latest wins.
 * </ul>
 * An older event arriving late therefore never changes today's state, but does change the past.
 * The versions superseded before the history's start are dropped ({@link #prune}), except the one
 * in effect at that start.
 */
public final class CompanyTimeline {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final Comparator<CompanyProfileEvent> PROFILE_ORDER =
      (a, b) -> LatestWins.isNewer(a, b) ? 1 : LatestWins.isNewer(b, a) ? -1 : 0;
  private static final Comparator<CompanyProfileEvent> EARLIEST_PROFILE =
      Comparator.comparing((CompanyProfileEvent p) -> p.getEvent().getPublishedAt()).thenComparing(PROFILE_ORDER);

  /** What a company looked like at one instant: its profile and its site list then, either possibly null. */
  public record Version(CompanyProfileEvent profile, TradingSites sites) {
    public boolean isEmpty() {
      return profile == null && sites == null;
    }

    /** The same objects as another version's: nothing to recount between them. */
    public boolean sameAs(Version other) {
      return profile == other.profile && sites == other.sites;
    }

    /** As a state without earlier versions (what a footprint reads); the constructor, as the builder deep-copies defaults. */
    public CompanyState asState(String number) {
      return new CompanyState(number, profile, sites, List.of(), List.of());
    }
  }

  private CompanyTimeline() {}

  /**
   * The state after the update is placed on the timeline; empty when it changes nothing (it ties
   * a version already held). The latest versions are those {@link LatestWins} would hold.
   */
  public static Optional<CompanyState> insert(CompanyState current, CompanyUpdate update) {
    String number = update.getCompanyNumber();
    List<CompanyProfileEvent> profiles = profiles(current);
    List<TradingSites> sites = sites(current);
    if (update.getProfile() != null) {
      CompanyProfileEvent candidate = update.getProfile();
      if (profiles.stream().anyMatch(p -> PROFILE_ORDER.compare(p, candidate) == 0)) {
        return Optional.empty();
      }
      profiles.add(candidate);
    } else if (update.getSites() != null) {
      Instant asOf = update.getSites().getAsOf();
      if (sites.stream().anyMatch(s -> s.getAsOf().equals(asOf))) {
        return Optional.empty();
      }
      sites.add(update.getSites());
    } else {
      return Optional.empty();
    }
    return Optional.of(of(number, profiles, sites));
  }

  /** What the company looked like at {@code at}; an empty version before it existed. */
  public static Version at(CompanyState state, Instant at) {
    if (state == null) {
      return new Version(null, null);
    }
    CompanyProfileEvent profile = null;
    CompanyProfileEvent earliestProfile = null;
    for (CompanyProfileEvent p : profiles(state)) {
      if (!p.getEvent().getPublishedAt().isAfter(at) && (profile == null || PROFILE_ORDER.compare(p, profile) > 0)) {
        profile = p;
      }
      if (earliestProfile == null || EARLIEST_PROFILE.compare(p, earliestProfile) < 0) {
        earliestProfile = p;
      }
    }
    TradingSites sites = null;
    TradingSites earliestSites = null;
    for (TradingSites s : sites(state)) {
      if (!s.getAsOf().isAfter(at) && (sites == null || s.getAsOf().isAfter(sites.getAsOf()))) {
        sites = s;
      }
      if (earliestSites == null || s.getAsOf().isBefore(earliestSites.getAsOf())) {
        earliestSites = s;
      }
    }
    // The date of creation matters only before the first version of either kind: it is looked up
    // only then, as this runs twice per change point for every company change.
    boolean existed = false;
    if (profile == null || sites == null) {
      Instant since = since(state);
      existed = since != null && !at.isBefore(since);
    }
    return new Version(profile != null ? profile : existed ? earliestProfile : null,
        sites != null ? sites : existed ? earliestSites : null);
  }

  /**
   * Every instant at which either timeline may change, from {@code from} on, oldest first: the
   * versions' times and the dates of creation.
   */
  public static List<Instant> changeTimes(CompanyState before, CompanyState after, Instant from) {
    TreeSet<Instant> times = new TreeSet<>();
    for (CompanyState state : new CompanyState[] {before, after}) {
      if (state == null) {
        continue;
      }
      profiles(state).forEach(p -> times.add(p.getEvent().getPublishedAt()));
      sites(state).forEach(s -> times.add(s.getAsOf()));
      Instant since = since(state);
      if (since != null) {
        times.add(since);
      }
    }
    return new ArrayList<>(times.tailSet(from, true));
  }

  /**
   * The earliest instant at which the update can have changed the timeline: before it, the
   * company looked the same with and without it.
   */
  public static Instant affectedFrom(CompanyState before, CompanyState after, CompanyUpdate update) {
    Instant from = update.getProfile() != null ? update.getProfile().getEvent().getPublishedAt()
        : update.getSites().getAsOf();
    for (CompanyState state : new CompanyState[] {before, after}) {
      Instant since = state == null ? null : since(state);
      if (since != null && since.isBefore(from)) {
        from = since;
      }
    }
    return from;
  }

  /**
   * Drops the versions no instant from {@code start} on needs: of those at or before it, only the
   * one in effect at {@code start} stays, and the profile giving the date of creation.
   * {@link #at} answers the same from {@code start} on.
   */
  public static CompanyState prune(CompanyState state, Instant start) {
    List<CompanyProfileEvent> profiles = profiles(state);
    CompanyProfileEvent inEffect = profiles.stream().filter(p -> !p.getEvent().getPublishedAt().isAfter(start))
        .max(PROFILE_ORDER).orElse(null);
    // The profile that gives the date of creation stays too, or the company's start (since) would move.
    CompanyProfileEvent creation = creationGiver(profiles);
    profiles.removeIf(p -> p != inEffect && p != creation && !p.getEvent().getPublishedAt().isAfter(start));
    List<TradingSites> sites = sites(state);
    TradingSites sitesInEffect = sites.stream().filter(s -> !s.getAsOf().isAfter(start))
        .max(Comparator.comparing(TradingSites::getAsOf)).orElse(null);
    sites.removeIf(s -> s != sitesInEffect && !s.getAsOf().isAfter(start));
    if (profiles.size() + sites.size() == versions(state)) {
      return state;
    }
    return of(state.getCompanyNumber(), profiles, sites);
  }

  /** How many versions the state holds (latest and earlier). */
  public static int versions(CompanyState state) {
    return (state.getProfile() == null ? 0 : 1) + (state.getSites() == null ? 0 : 1)
        + state.getEarlierProfiles().size() + state.getEarlierSites().size();
  }

  /**
   * Midnight (Europe/London) of the company's date of creation, as the latest profile that gives
   * one says (a deleted marker often gives none); null when none does. The company's first known
   * version is extended back to it.
   */
  public static Instant since(CompanyState state) {
    CompanyProfileEvent giver = creationGiver(profiles(state));
    return giver == null ? null : giver.getDateOfCreation().atStartOfDay(LONDON).toInstant();
  }

  private static CompanyProfileEvent creationGiver(List<CompanyProfileEvent> profiles) {
    return profiles.stream().filter(p -> p.getDateOfCreation() != null).max(PROFILE_ORDER).orElse(null);
  }

  private static CompanyState of(String number, List<CompanyProfileEvent> profiles, List<TradingSites> sites) {
    CompanyProfileEvent latestProfile = profiles.stream().max(PROFILE_ORDER).orElse(null);
    TradingSites latestSites = sites.stream().max(Comparator.comparing(TradingSites::getAsOf)).orElse(null);
    List<CompanyProfileEvent> earlierProfiles = new ArrayList<>(profiles);
    earlierProfiles.remove(latestProfile);
    earlierProfiles.sort(EARLIEST_PROFILE);
    List<TradingSites> earlierSites = new ArrayList<>(sites);
    earlierSites.remove(latestSites);
    earlierSites.sort(Comparator.comparing(TradingSites::getAsOf));
    return new CompanyState(number, latestProfile, latestSites, earlierProfiles, earlierSites);
  }

  private static List<CompanyProfileEvent> profiles(CompanyState state) {
    List<CompanyProfileEvent> all = new ArrayList<>();
    if (state != null) {
      all.addAll(state.getEarlierProfiles());
      if (state.getProfile() != null) {
        all.add(state.getProfile());
      }
    }
    return all;
  }

  private static List<TradingSites> sites(CompanyState state) {
    List<TradingSites> all = new ArrayList<>();
    if (state != null) {
      all.addAll(state.getEarlierSites());
      if (state.getSites() != null) {
        all.add(state.getSites());
      }
    }
    return all;
  }
}
