package io.regiolink.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.LinkCount;
import io.regiolink.avro.RegionSummary;
import io.regiolink.cli.RegiolinkCli;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.formats.CompaniesHouseEvents;
import io.regiolink.formats.InputFiles;
import io.regiolink.formats.SitesFiles;
import io.regiolink.geo.Geography;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.testing.Records;
import io.regiolink.testing.RunningAppExtension;
import io.regiolink.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.FileRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The counting topology on the real local broker and registry, at exactly_once_v2, fed by 'regiolink replay'. */
class ReplayCountingIT {
  @RegisterExtension static final RunningAppExtension APP = new RunningAppExtension();
  @TempDir static Path files;
  RegiolinkConfig config;

  @BeforeEach
  void addresses() {
    config = APP.config();
    assertThat(config.streams().processingGuarantee().kafkaValue()).isEqualTo("exactly_once_v2");
  }

  @Test
  void replayedFilesBecomeExactCountsOnTheLinksAndRegionsTopics() throws Exception {
    Path profiles = files.resolve("profiles.ndjson");
    Files.writeString(profiles, String.join("\n",
        chEvent("00000001", "active", "LS1 4AP", "62012", 100, "2026-11-02T10:00:00"),
        chEvent("SC000002", "active", "EH1 1AA", "64209", 101, "2026-11-02T10:00:01"),
        "{not json",
        chEvent("00000003", "active", "M1 1AE", "01110", 102, "2026-11-02T10:00:02"),
        "{\"data\":{},\"event\":{\"timepoint\":5,\"published_at\":\"2026-11-02T10:00:00\",\"type\":\"changed\"}}",
        chEvent("00000004", "active", "BS1 4DJ", "70100", 104, "2026-11-02T10:00:04"),
        chEvent("1", "active", "M1 1AE", "62012", 105, "2026-11-02T10:00:05"),
        chEvent("00000001", "active", "SW1A 1AA", "62012", 99, "2026-11-02T09:59:00")) + "\n");
    // A line with bytes that are not UTF-8: reported on its own, the file read on.
    Files.write(profiles, new byte[] {'{', (byte) 0xFF, (byte) 0xFE, '\n'}, StandardOpenOption.APPEND);
    Path sites = files.resolve("sites.csv");
    Files.writeString(sites, """
        company_number,site_id,postal_code,label
        00000001,hq,LS1 4AP,HQ
        00000001,mcr,M1 2AB,Manchester
        SC000002,edi,EH1 1AA,
        SC000002,ldn,EC1A 1BB,
        SC000002,gy,GY1 1AA,Guernsey
        ,x,LS1 4AP,
        00000003,a,M1 1AE,
        00000004,,,
        00000005,"b,M1 1AE
        """);
    Path rejects = files.resolve("rejects.ndjson");

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = RegiolinkCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("replay", "--profiles", profiles.toString(), "--sites", sites.toString(),
        "--rejects", rejects.toString(), "--state-dir", APP.stateDir().toString(),
        "--bootstrap-servers", config.requireBootstrapServers(), "--registry-url", config.requireRegistryUrl().toString());
    System.out.println(out);
    System.out.println(err);
    assertThat(exit).isZero();
    assertThat(err.toString())
        .contains(profiles + ":3: not valid JSON")
        .contains(profiles + ":9: not valid JSON")
        .contains(profiles + ":5: no company number")
        .contains(sites + ":7: empty company_number")
        .contains(sites + ":10: a quoted field is not closed");
    assertThat(out.toString()).contains("6 sent, 3 skipped").contains("5 bad line(s) skipped");
    assertThat(Files.readAllLines(rejects)).hasSize(5).allMatch(l -> l.contains("\"reason_code\""));

    ReferenceModel model = new ReferenceModel(Geography.load(List.of()), config.counting().countedStatuses(), Instant.now());
    List<String> profileLines;
    try (var reader = InputFiles.utf8(profiles)) {
      profileLines = reader.lines().toList();
    }
    for (String line : profileLines) {
      try {
        model.profile(CompaniesHouseEvents.parse(line, "x"));
      } catch (io.regiolink.formats.FormatException skipped) {
        // the replay skipped it too
      }
    }
    SitesFiles.read(sites, Instant.now(), "x", model::sites, problem -> { });
    ReferenceModel.Counts expected = model.recount();
    assertThat(expected.links()).containsKey("itl1:TLD:TLE:KIBS").containsKey("itl1:TLM:TLI:FINANCIAL_KIS");

    AvroSerdes serdes = new AvroSerdes(config.requireRegistryUrl());
    Map<String, LinkCount> links = Records.compactedUntil(config, Topics.LINKS.name(),
        serdes.<LinkCount>valueDeserializer(), m -> CountingPropertyTest.linkCounts(m).equals(expected.links()),
        Duration.ofSeconds(60));
    assertThat(CountingPropertyTest.linkCounts(links)).isEqualTo(expected.links());
    Map<String, RegionSummary> regions = Records.compactedUntil(config, Topics.REGIONS.name(),
        serdes.<RegionSummary>valueDeserializer(), m -> CountingPropertyTest.regionCounts(m).equals(expected.regions()),
        Duration.ofSeconds(60));
    assertThat(CountingPropertyTest.regionCounts(regions)).isEqualTo(expected.regions());
    // The Guernsey site is unresolved, not rejected.
    assertThat(regions.get("itl1:TLM:ALL").getUnresolvedSites()).isEqualTo(1);
    // Stored uncompressed (design section 2), though the app's producer sends LZ4: kafkajs cannot read LZ4.
    Path brokerLog = APP.stateDir().resolve("kafka").resolve("log");
    for (String topic : List.of(Topics.LINKS.name(), Topics.REGIONS.name())) {
      assertThat(storedCompression(brokerLog, topic)).as("codecs of the batches stored in " + topic)
          .containsExactly(CompressionType.NONE);
    }
    System.out.println("regiolink.links.v1 after replay (" + links.size() + " links), e.g. itl1:TLD:TLE:KIBS = "
        + links.get("itl1:TLD:TLE:KIBS"));
  }

  /** The codecs of every batch in a topic's log segments on the broker's disk. */
  private static Set<CompressionType> storedCompression(Path brokerLog, String topic) throws IOException {
    Set<CompressionType> codecs = new HashSet<>();
    try (Stream<Path> files = Files.walk(brokerLog)) {
      for (Path segment : files.filter(f -> f.getParent().getFileName().toString().matches(Pattern.quote(topic) + "-\\d+")
          && f.getFileName().toString().endsWith(".log")).toList()) {
        try (FileRecords records = FileRecords.open(segment.toFile())) {
          records.batches().forEach(b -> codecs.add(b.compressionType()));
        }
      }
    }
    return codecs;
  }

  private static String chEvent(String number, String status, String postcode, String sic, long timepoint, String at) {
    return "{\"resource_kind\":\"company-profile\",\"resource_id\":\"" + number + "\",\"data\":{\"company_number\":\""
        + number + "\",\"company_name\":\"C " + number + "\",\"company_status\":\"" + status
        + "\",\"registered_office_address\":{\"postal_code\":\"" + postcode + "\"},\"sic_codes\":[\"" + sic
        + "\"],\"type\":\"ltd\"},\"event\":{\"timepoint\":" + timepoint + ",\"published_at\":\"" + at
        + "\",\"type\":\"changed\"}}";
  }
}
