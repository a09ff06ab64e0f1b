package io.regiolink.topics;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.LinkCount;
import io.regiolink.avro.LinkShiftAlert;
import io.regiolink.avro.RegionSummary;
import io.regiolink.avro.RejectedRecord;
import io.regiolink.avro.TradingSites;
import io.regiolink.topics.TopicSpec.CleanupPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The topics of the design (section 2): the contract users subscribe to and produce into. */
public final class Topics {
  public static final Duration THIRTY_DAYS = Duration.ofDays(30);

  public static final TopicSpec PROFILES = new TopicSpec("companies.profiles.v1", CleanupPolicy.COMPACT,
      Optional.empty(), CompanyProfileEvent.getClassSchema());
  public static final TopicSpec TRADING_SITES = new TopicSpec("companies.trading-sites.v1", CleanupPolicy.COMPACT,
      Optional.empty(), TradingSites.getClassSchema());
  public static final TopicSpec LINKS = new TopicSpec("regiolink.links.v1", CleanupPolicy.COMPACT,
      Optional.empty(), LinkCount.getClassSchema());
  public static final TopicSpec REGIONS = new TopicSpec("regiolink.regions.v1", CleanupPolicy.COMPACT,
      Optional.empty(), RegionSummary.getClassSchema());
  public static final TopicSpec ALERTS = new TopicSpec("regiolink.alerts.v1", CleanupPolicy.DELETE,
      Optional.of(THIRTY_DAYS), LinkShiftAlert.getClassSchema());
  public static final TopicSpec REJECTED = new TopicSpec("regiolink.rejected.v1", CleanupPolicy.DELETE,
      Optional.of(THIRTY_DAYS), RejectedRecord.getClassSchema());

  public static final List<TopicSpec> ALL = List.of(PROFILES, TRADING_SITES, LINKS, REGIONS, ALERTS, REJECTED);

  private Topics() {}
}
