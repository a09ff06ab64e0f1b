package io.regiolink.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.app.RegiolinkStreams;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.LinkShiftAlert;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.embedded.LocalStack;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.replay.InputProducer;
import io.regiolink.replay.ProcessingLag;
import io.regiolink.testing.Events;
import io.regiolink.testing.TestConfigs;
import io.regiolink.testing.Records;
import io.regiolink.app.ContractSetup;
import io.regiolink.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scripted scenario on the real local broker and registry: ten Leeds firms trading in Leeds and
 * Manchester, five of which move their registered office to Manchester in week 2; the app is
 * restarted mid-way. The alerts topic must hold exactly the expected link alerts, once each.
 */
class AlertsIT {
  static final Instant MONDAY = Instant.parse("2025-06-02T00:00:00Z");
  /** Quiet firms, one per region, whose one site moves every week, so every partition's event time moves on. */
  static final List<String> TICK_OFFICES = List.of("CF10 1AA", "EH1 1AA", "BT1 1AA", "BS1 4DJ", "SW1A 1AA",
      "NE1 4ST", "B1 1BB", "NG1 1AA");

  @TempDir Path stateDir;

  static Instant week(int k, int hour) {
    return MONDAY.plus(Duration.ofDays(7L * k)).plus(Duration.ofHours(hour));
  }

  static CompanyProfileEvent profile(String n, String postcode, long timepoint, Instant at) {
    CompanyProfileEvent p = Events.active(n, postcode, timepoint);
    p.getEvent().put("published_at", at);
    return p;
  }

  static void tick(InputProducer out, int k) {
    for (int i = 0; i < TICK_OFFICES.size(); i++) {
      String n = String.format("%08d", 900 + i);
      if (k == 0) {
        out.send(Topics.PROFILES.name(), n, profile(n, TICK_OFFICES.get(i), 1, week(0, 0)));
      }
      String away = TICK_OFFICES.get((i + 1) % TICK_OFFICES.size());
      out.send(Topics.TRADING_SITES.name(), n, Events.sites(n, week(k, 12), "x", k % 2 == 1 ? away : TICK_OFFICES.get(i)));
    }
    out.flush();
  }

  @Test
  void aClusterMovingOfficesYieldsExactlyTheExpectedAlertsAcrossARestart() throws Exception {
    RegiolinkConfig requested = TestConfigs.local(stateDir, Map.of("alerts.schemes", "itl1", "alerts.sectors", "ALL"));
    try (LocalStack stack = TestConfigs.stack(requested)) {
      RegiolinkConfig config = requested.withAddressesOf(stack);
      ContractSetup.run(config);
      AvroSerdes serdes = new AvroSerdes(config.requireRegistryUrl());

      RegiolinkStreams first = RegiolinkStreams.start(config);
      assertThat(first.awaitRunning(Duration.ofSeconds(120))).isTrue();
      try (InputProducer out = new InputProducer(config.kafkaClientSettings(), config.requireRegistryUrl())) {
        tick(out, 0);
        for (int i = 1; i <= 10; i++) {
          String n = String.format("%08d", i);
          out.send(Topics.PROFILES.name(), n, profile(n, "LS1 4AP", i, week(0, 1)));
          out.send(Topics.TRADING_SITES.name(), n, Events.sites(n, week(0, 1), "a", "LS1 4AP", "b", "M1 1AE"));
        }
        tick(out, 1);
      }
      // Stop mid-way through the scenario, once the first half is counted and committed.
      try (ProcessingLag lag = ProcessingLag.ofRegiolink(config.kafkaClientSettings(), config.applicationId())) {
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> lag.behind().total() == 0);
      }
      first.close();

      RegiolinkStreams second = RegiolinkStreams.start(config);
      try {
        assertThat(second.awaitRunning(Duration.ofSeconds(120))).isTrue();
        try (InputProducer out = new InputProducer(config.kafkaClientSettings(), config.requireRegistryUrl())) {
          for (int i = 1; i <= 5; i++) {
            String n = String.format("%08d", i);
            out.send(Topics.PROFILES.name(), n, profile(n, "M1 1AE", 100 + i, week(2, 10)));
          }
          tick(out, 2);
          tick(out, 3);
          tick(out, 4);
        }
        Instant end = week(3, 0);
        List<String> expected = List.of(
            "itl1:TLD:TLD:ALL EMERGED 0->5 @" + end,
            "itl1:TLD:TLE:ALL EMERGED 0->5 @" + end,
            "itl1:TLE:TLD:ALL DROP 10->5 @" + end,
            "itl1:TLE:TLE:ALL DROP 10->5 @" + end);
        var linkAlerts = Records.consumeUntil(config, Topics.ALERTS.name(), new StringDeserializer(),
                serdes.<LinkShiftAlert>valueDeserializer(),
                read -> read.stream().filter(r -> r.value().getKind() != io.regiolink.avro.AlertKind.HUB_RANK).count() >= 4,
                Duration.ofSeconds(5), Duration.ofSeconds(60)).stream()
            .filter(r -> r.value().getKind() != io.regiolink.avro.AlertKind.HUB_RANK)
            .map(r -> r.key() + " " + r.value().getKind() + " " + r.value().getValueBefore() + "->"
                + r.value().getValueAfter() + " @" + r.value().getWindowEnd())
            .toList();
        System.out.println("Link alerts on " + Topics.ALERTS.name() + ": " + linkAlerts);
        assertThat(linkAlerts).containsExactlyInAnyOrderElementsOf(expected);
      } finally {
        second.close();
      }
    }
  }
}
