package io.regiolink.company;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.TradingSites;
import io.regiolink.avro.internal.CompanyState;
import io.regiolink.avro.internal.CompanyUpdate;
import java.util.Optional;

/**
 * The latest-wins rule per company (design section 3): profiles by timepoint, then published_at;
 * trading-site lists by as_of. On a full tie the state already held stays, so duplicates change
 * nothing; an older event arriving late changes nothing; a deleted event is kept as a versioned
 * marker that only a newer event can override.
 */
public final class LatestWins {
  private LatestWins() {}

  /** The state after the update, or empty when the update changes nothing. */
  public static Optional<CompanyState> apply(CompanyState current, CompanyUpdate update) {
    String number = update.getCompanyNumber();
    CompanyProfileEvent profile = current == null ? null : current.getProfile();
    TradingSites sites = current == null ? null : current.getSites();
    if (update.getProfile() != null) {
      if (profile != null && !isNewer(update.getProfile(), profile)) {
        return Optional.empty();
      }
      profile = update.getProfile();
    } else if (update.getSites() != null) {
      if (sites != null && !update.getSites().getAsOf().isAfter(sites.getAsOf())) {
        return Optional.empty();
      }
      sites = update.getSites();
    } else {
      return Optional.empty();
    }
    return Optional.of(CompanyState.newBuilder().setCompanyNumber(number).setProfile(profile).setSites(sites).build());
  }

  public static boolean isNewer(CompanyProfileEvent candidate, CompanyProfileEvent held) {
    long a = candidate.getEvent().getTimepoint();
    long b = held.getEvent().getTimepoint();
    if (a != b) {
      return a > b;
    }
    return candidate.getEvent().getPublishedAt().isAfter(held.getEvent().getPublishedAt());
  }
}
