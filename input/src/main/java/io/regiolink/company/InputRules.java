package io.regiolink.company;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.TradingSites;
import io.regiolink.avro.internal.CompanyUpdate;
import java.time.Duration;
import java.time.Instant;

/**
 * The checks of design section 3 on a decoded input record: a usable company number and an
 * event time not too far ahead of the wall clock. The outcome is either an update keyed by the
 * normalised number or a rejection with its reason.
 */
public final class InputRules {
  /** How far ahead of the wall clock an event time may be (clock skew, time zones) before it is refused. */
  public static final Duration MAX_FUTURE = Duration.ofHours(24);

  private InputRules() {}

  /** Either an update or a rejection. */
  public record Outcome(CompanyUpdate update, Rejection rejection) {
    public boolean accepted() {
      return update != null;
    }
  }

  public static Outcome profile(CompanyProfileEvent event, Instant now) {
    var number = CompanyNumber.normalise(event.getCompanyNumber());
    if (number.isEmpty()) {
      return reject(RejectReason.BAD_COMPANY_NUMBER, "company_number '" + event.getCompanyNumber()
          + "' is not a company number (8 digits, or 2 letters and up to 6 digits)");
    }
    Instant time = event.getEvent().getPublishedAt();
    if (time.isAfter(now.plus(MAX_FUTURE))) {
      return reject(RejectReason.FUTURE_EVENT, "published_at " + time + " is more than 24 h ahead of the clock (" + now + ")");
    }
    // In place: a builder copy would deep-copy the whole profile for one field, on every record.
    event.put("company_number", number.get());
    return new Outcome(CompanyUpdate.newBuilder().setCompanyNumber(number.get()).setProfile(event).build(), null);
  }

  public static Outcome sites(TradingSites sites, Instant now) {
    var number = CompanyNumber.normalise(sites.getCompanyNumber());
    if (number.isEmpty()) {
      return reject(RejectReason.BAD_COMPANY_NUMBER, "company_number '" + sites.getCompanyNumber()
          + "' is not a company number (8 digits, or 2 letters and up to 6 digits)");
    }
    Instant time = sites.getAsOf();
    if (time.isAfter(now.plus(MAX_FUTURE))) {
      return reject(RejectReason.FUTURE_EVENT, "as_of " + time + " is more than 24 h ahead of the clock (" + now + ")");
    }
    sites.put("company_number", number.get());
    return new Outcome(CompanyUpdate.newBuilder().setCompanyNumber(number.get()).setSites(sites).build(), null);
  }

  private static Outcome reject(RejectReason code, String reason) {
    return new Outcome(null, new Rejection(code, reason));
  }
}
