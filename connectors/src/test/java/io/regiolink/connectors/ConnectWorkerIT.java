package io.regiolink.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.RejectedRecord;
import io.regiolink.connectors.chstream.FakeCompaniesHouse;
import io.regiolink.connectors.chstream.FakeCompaniesHouse.Chunk;
import io.regiolink.connectors.chstream.FakeCompaniesHouse.Response;
import io.regiolink.connectors.chstream.FakeCompaniesHouse.Silence;
import io.regiolink.formats.CompaniesHouseEvents;
import io.regiolink.wire.WireFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connectors as a platform team runs them: the plugin directory `mvn package` built, loaded
 * by a real Kafka Connect worker (standalone, in this JVM, configured over its REST API), writing
 * into the topics of a running regiolink (the packaged jar, `demo --no-sample`, its own process);
 * the topics decoded back, and the counts read from regiolink's HTTP API.
 */
class ConnectWorkerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir static Path dir;
  private static RegiolinkDemo regiolink;

  @BeforeAll
  static void startRegiolink() throws Exception {
    regiolink = new RegiolinkDemo(Files.createDirectories(dir.resolve("regiolink")));
  }

  @AfterAll
  static void stopRegiolink() throws Exception {
    if (regiolink != null) {
      regiolink.close();
    }
  }

  private static String event(String number, long timepoint, String postcode, String sic) {
    return "{\"resource_kind\":\"company-profile\",\"resource_id\":\"" + number + "\",\"data\":{\"company_number\":\""
        + number + "\",\"company_name\":\"CONNECT TEST " + number + " LTD\",\"company_status\":\"active\","
        + "\"registered_office_address\":{\"postal_code\":\"" + postcode + "\"},\"sic_codes\":[\"" + sic + "\"],"
        + "\"type\":\"ltd\",\"date_of_creation\":\"2020-02-03\"},"
        + "\"event\":{\"timepoint\":" + timepoint + ",\"published_at\":\"2026-01-20T10:15:42\",\"type\":\"changed\"}}";
  }

  @Test
  void theStreamConnectorFeedsRegiolinkAndResumesAfterARestart() throws Exception {
    List<String> lines = List.of(event("99100001", 501, "CB2 1TN", "62012"), "{this is not json",
        event("SC991002", 502, "EH1 1AA", "72110"));
    try (FakeCompaniesHouse stream = new FakeCompaniesHouse(
        Response.ok(new Chunk(String.join("\n", lines) + "\n"), new Silence()))) {
      Path offsets = dir.resolve("connect.offsets");
      Connect<StandaloneHerder> worker = startWorker(offsets);
      try {
        createStreamConnector(worker, stream.url());
        // The counts: regiolink placed both companies, one in each region.
        Awaitility.await("regiolink counted both companies").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
            .until(() -> status("/api/v1/companies/99100001") == 200 && status("/api/v1/companies/SC991002") == 200);
        JsonNode cambridge = get("/api/v1/companies/99100001");
        assertThat(cambridge.get("counted").asBoolean()).isTrue();
        assertThat(cambridge.get("registeredOffice").get("regions").get("itl1").asText()).isEqualTo("TLH");
        // Region summaries follow the company state through a repartition: a moment later.
        Awaitility.await("Edinburgh's summary counts the Scottish company").atMost(Duration.ofSeconds(30))
            .until(() -> get("/api/v1/regions/itl1/TLM?sector=ALL").get("registered").asLong() == 1);

        // The topics decoded back: exactly the events the lines describe, and the bad line rejected.
        List<ConsumerRecord<String, CompanyProfileEvent>> profiles = consume("companies.profiles.v1", 2);
        assertThat(profiles).extracting(ConsumerRecord::key).containsExactly("99100001", "SC991002");
        String source = "companies-house-stream:127.0.0.1";
        assertThat(profiles.get(0).value()).isEqualTo(CompaniesHouseEvents.parse(lines.get(0), source));
        assertThat(profiles.get(1).value()).isEqualTo(CompaniesHouseEvents.parse(lines.get(2), source));
        List<ConsumerRecord<String, RejectedRecord>> rejected = consume("regiolink.rejected.v1", 1);
        RejectedRecord bad = rejected.get(0).value();
        assertThat(bad.getReasonCode()).isEqualTo("MALFORMED_JSON");
        assertThat(bad.getOrigin()).isEqualTo("connector:companies-house-stream:after-timepoint-501");
        assertThat(StandardCharsets.UTF_8.decode(bad.getRawValue()).toString()).isEqualTo("{this is not json");
        // Connect commits offsets on its flush interval; wait for the last one before stopping.
        Awaitility.await("offset committed").atMost(Duration.ofSeconds(30)).until(() -> Files.exists(offsets)
            && Files.size(offsets) > 0);
        Thread.sleep(2000);
      } finally {
        worker.stop();
        worker.awaitStop();
      }

      stream.then(Response.ok(new Chunk(event("99100003", 503, "M1 1AE", "47110") + "\n"), new Silence()));
      Connect<StandaloneHerder> again = startWorker(offsets);
      try {
        createStreamConnector(again, stream.url());
        Awaitility.await("the restarted connector delivered the next event").atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofSeconds(1)).until(() -> status("/api/v1/companies/99100003") == 200);
        assertThat(stream.requests()).extracting(FakeCompaniesHouse.Request::path)
            .startsWith("/companies?timepoint=501").contains("/companies?timepoint=503");
      } finally {
        again.stop();
        again.awaitStop();
      }
    }
  }

  private static Connect<StandaloneHerder> startWorker(Path offsets) throws Exception {
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", regiolink.bootstrapServers());
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    props.put("offset.storage.file.filename", offsets.toString());
    props.put("offset.flush.interval.ms", "500");
    props.put("plugin.path", Path.of(System.getProperty("regiolink.plugin.dir", "target/plugin")).toAbsolutePath().toString());
    props.put("listeners", "http://127.0.0.1:" + RegiolinkDemo.freePort());
    return new ConnectStandalone().startConnect(props);
  }

  private static void createStreamConnector(Connect<StandaloneHerder> worker, URI streamUrl) throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put("connector.class", "io.regiolink.connectors.chstream.CompaniesHouseStreamSourceConnector");
    config.put("tasks.max", "1");
    config.put("ch.stream.url", streamUrl.toString());
    config.put("ch.stream.api.key", "it-streaming-key");
    config.put("ch.stream.start.timepoint", "501");
    config.put("registry.url", regiolink.registryUrl().toString());
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    String body = JSON.writeValueAsString(Map.of("name", "companies-house-stream", "config", config));
    HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(worker.rest().serverUrl().resolve("connectors"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  private static <V> List<ConsumerRecord<String, V>> consume(String topic, int count) {
    Map<String, Object> settings = new HashMap<>(WireFormat.serdeSettings(regiolink.registryUrl()));
    settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, regiolink.bootstrapServers());
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    AvroKafkaDeserializer<V> values = new AvroKafkaDeserializer<>();
    values.configure(settings, false);
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), values)) {
      var partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.currentTimeMillis() + 30_000;
      while (records.size() < count && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    records.sort(java.util.Comparator.comparing(ConsumerRecord::key));
    return records;
  }

  private static int status(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(regiolink.httpUrl().resolve(path)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static JsonNode get(String path) throws Exception {
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(regiolink.httpUrl().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }
}
