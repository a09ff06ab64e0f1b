package io.regiolink.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.regiolink.replay.ProcessingLag;
import io.regiolink.testing.Api;
import io.regiolink.testing.RandomRegister;
import io.regiolink.testing.RunningAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API's contract on a running instance: validation (400/404/405), answers against OpenAPI, /health, /metrics. */
class ApiContractIT {
  @RegisterExtension static final RunningAppExtension APP = new RunningAppExtension();
  private static Api api;

  @BeforeAll
  static void client() {
    api = new Api(APP.http());
  }

  @Test
  void malformedParametersAre400WithWhatToDo() {
    for (String query : List.of(
        "/api/v1/matrix/itl1?sector=ki",
        "/api/v1/matrix/itl1?sector=ALL&sector=KI",
        "/api/v1/links/itl1/TLI?limit=0",
        "/api/v1/links/itl1/TLI?limit=10001",
        "/api/v1/links/itl1/TLI?limit=ten",
        "/api/v1/links/itl1/TLI?direction=sideways",
        "/api/v1/links/itl1/TLI?allowPartial=maybe",
        "/api/v1/hubs/itl1?top=0",
        "/api/v1/hubs/itl1?by=size",
        "/api/v1/hubs/itl1?sectr=KI",
        "/api/v1/companies/NOT-A-NUMBER",
        "/api/v1/alerts?kind=BOOM",
        "/api/v1/alerts?since=yesterday",
        "/api/v1/alerts?limit=100000",
        "/api/v1/stream/links?sector=XX",
        "/api/v1/stream/links?lastEventId=1.2",
        "/api/v1/stream/alerts?lastEventId=a.b.c.d")) {
      assertProblem(query, 400);
    }
  }

  @Test
  void unknownSchemesRegionsCompaniesAndPathsAre404() {
    for (String query : List.of(
        "/api/v1/schemes/nuts3/regions",
        "/api/v1/matrix/nuts3",
        "/api/v1/hubs/nuts3",
        "/api/v1/regions/itl1/TLX",
        "/api/v1/regions/lad/E99999999",
        "/api/v1/links/itl1/TLI/TLX",
        "/api/v1/links/lad/TLI",
        "/api/v1/companies/09999999",
        "/api/v1/alerts?scheme=nuts3",
        "/api/v1/stream/links?scheme=itl1&region=E09000007",
        "/api/v1/nothing-here",
        "/dashboard.php")) {
      assertProblem(query, 404);
    }
  }

  @Test
  void headIsAnsweredWhereverGetIsWithTheSameStatusAndNoBody() {
    for (String path : List.of("/api/v1/schemes", "/api/v1/links/itl1/TLI/TLE", "/api/v1/matrix/itl1",
        "/api/v1/companies/09999999", "/api/v1/hubs/itl1?top=0", "/api/v1/openapi.json", "/health", "/metrics",
        "/api/v1/stream/links")) {
      Api.Answer head = api.send("HEAD", path);
      int getStatus = path.startsWith("/api/v1/stream/") ? 200 : api.get(path).status();
      assertThat(head.status()).as("HEAD " + path).isEqualTo(getStatus);
      assertThat(head.response().body()).as("HEAD " + path).isEmpty();
      assertThat(head.response().headers().firstValue("Content-Type")).as("HEAD " + path).isPresent();
    }
  }

  @Test
  void everyMethodButGetAndHeadIs405() {
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
      for (String path : List.of("/api/v1/schemes", "/api/v1/links/itl1/TLI/TLE", "/health", "/metrics")) {
        Api.Answer answer = api.send(method, path);
        assertThat(answer.status()).as(method + " " + path).isEqualTo(405);
        assertThat(answer.response().headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(answer.body().get("detail").asText()).contains("read-only");
      }
    }
  }

  @Test
  void openApiDescribesEveryEndpointAndEachOneExists() {
    JsonNode doc = api.json("/api/v1/openapi.json");
    Set<String> described = new TreeSet<>();
    doc.get("paths").fieldNames().forEachRemaining(described::add);
    assertThat(described).contains("/api/v1/schemes", "/api/v1/schemes/{scheme}/regions",
        "/api/v1/links/{scheme}/{origin}/{destination}", "/api/v1/links/{scheme}/{region}",
        "/api/v1/regions/{scheme}/{region}", "/api/v1/matrix/{scheme}", "/api/v1/hubs/{scheme}",
        "/api/v1/changes/{scheme}", "/api/v1/companies/{number}", "/api/v1/alerts", "/api/v1/stream/links", "/api/v1/stream/alerts",
        "/api/v1/openapi.json", "/health", "/metrics");
    List<String> missing = new ArrayList<>();
    for (String path : described) {
      if (path.startsWith("/api/v1/stream/")) {
        continue; // streams never end; their routing is covered by the 400 and 404 cases above
      }
      String concrete = path.replace("{scheme}", "itl1").replace("{origin}", "TLI").replace("{destination}", "TLE")
          .replace("{region}", "TLI").replace("{number}", "00000001");
      Api.Answer answer = api.get(concrete);
      if (answer.status() == 404 && answer.body().path("error").asText().equals("not found")) {
        missing.add(path);
      }
    }
    assertThat(missing).as("described but not served").isEmpty();
  }

  @Test
  void realAnswersMatchTheirSchemasInOpenApi() throws Exception {
    RandomRegister register = RandomRegister.withRandomSeed("ApiContractIT", 60);
    register.produce(APP.config());
    try (ProcessingLag lag = ProcessingLag.ofRegiolink(APP.config().kafkaClientSettings(), APP.config().applicationId())) {
      Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> lag.behind().total() == 0);
    }
    String company = register.counted().entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
        .findFirst().orElseThrow();
    JsonNode doc = api.json("/api/v1/openapi.json");
    Map<String, String> answers = new LinkedHashMap<>();
    answers.put("/api/v1/schemes", "/api/v1/schemes");
    answers.put("/api/v1/schemes/{scheme}/regions", "/api/v1/schemes/itl1/regions");
    answers.put("/api/v1/links/{scheme}/{origin}/{destination}", "/api/v1/links/itl1/TLE/TLI");
    answers.put("/api/v1/links/{scheme}/{region}", "/api/v1/links/itl1/TLI?direction=in");
    answers.put("/api/v1/regions/{scheme}/{region}", "/api/v1/regions/itl1/TLI");
    answers.put("/api/v1/matrix/{scheme}", "/api/v1/matrix/lad?sector=KI");
    answers.put("/api/v1/hubs/{scheme}", "/api/v1/hubs/itl1?by=outbound");
    String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
    answers.put("/api/v1/changes/{scheme}", "/api/v1/changes/itl1?from=" + yesterday);
    answers.put("/api/v1/companies/{number}", "/api/v1/companies/" + company);
    answers.put("/api/v1/alerts", "/api/v1/alerts");
    answers.put("/api/v1/coverage", "/api/v1/coverage");
    answers.put("/health", "/health");
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().nullableKeywordEnabled(true).build();
    int items = 0;
    // The same answers as they stood at the end of yesterday: the same schemas, and each says its instant.
    Map<String, String> past = new LinkedHashMap<>();
    for (String path : List.of("/api/v1/links/{scheme}/{origin}/{destination}", "/api/v1/links/{scheme}/{region}",
        "/api/v1/regions/{scheme}/{region}", "/api/v1/matrix/{scheme}", "/api/v1/hubs/{scheme}")) {
      String query = answers.get(path);
      past.put(path, query + (query.contains("?") ? "&" : "?") + "asOf=" + yesterday);
    }
    for (var entry : past.entrySet()) {
      Api.Answer answer = api.get(entry.getValue());
      assertThat(answer.status()).as(entry.getValue()).isEqualTo(200);
      JsonNode schema = doc.at("/paths/" + entry.getKey().replace("~", "~0").replace("/", "~1")
          + "/get/responses/200/content/application~1json/schema");
      assertThat(violations(factory, config, doc, schema, answer.body())).as(entry.getValue()).isEmpty();
      assertThat(answer.body().get("at").asText()).as(entry.getValue()).isEqualTo(yesterday + "T23:59:59.999Z");
    }
    Api.Answer tooOld = api.get("/api/v1/matrix/itl1?asOf=2020-01-01");
    assertThat(tooOld.status()).isEqualTo(400);
    assertThat(tooOld.body().get("error").asText()).contains("the earliest date available is "
        + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(400));
    for (var entry : answers.entrySet()) {
      Api.Answer answer = api.get(entry.getValue());
      assertThat(answer.status()).as(entry.getValue()).isEqualTo(200);
      JsonNode schema = doc.at("/paths/" + entry.getKey().replace("~", "~0").replace("/", "~1")
          + "/get/responses/200/content/application~1json/schema");
      assertThat(schema.isMissingNode()).as("a 200 schema for " + entry.getKey()).isFalse();
      assertThat(violations(factory, config, doc, schema, answer.body())).as(entry.getValue()).isEmpty();
      items += answer.body().path("cells").size() + answer.body().path("links").size();
    }
    assertThat(items).as("answers with content, so item schemas are checked too").isPositive();
    Api.Answer problem = api.get("/api/v1/companies/09999999");
    assertThat(violations(factory, config, doc, doc.at("/components/schemas/Problem"), problem.body())).isEmpty();
    // The check can fail: an answer with a field of the wrong type, or without a field, is refused.
    JsonNode link = doc.at("/paths/~1api~1v1~1links~1{scheme}~1{origin}~1{destination}"
        + "/get/responses/200/content/application~1json/schema");
    ObjectNode wrongType = api.get("/api/v1/links/itl1/TLE/TLI").body().deepCopy();
    wrongType.put("companies", "many");
    assertThat(violations(factory, config, doc, link, wrongType)).isNotEmpty();
    ObjectNode missing = api.get("/api/v1/links/itl1/TLE/TLI").body().deepCopy();
    missing.remove("companies");
    assertThat(violations(factory, config, doc, link, missing)).isNotEmpty();
  }

  /** The answer checked against a schema of the document; its $refs resolve inside the document. */
  private static Set<ValidationMessage> violations(JsonSchemaFactory factory, SchemaValidatorsConfig config, JsonNode doc,
      JsonNode schema, JsonNode answer) {
    ObjectNode root = ((ObjectNode) schema).deepCopy();
    root.set("components", doc.get("components"));
    JsonSchema validator = factory.getSchema(root, config);
    return validator.validate(answer);
  }

  @Test
  void oversizedRequestLinesAndHeadersAreRefusedWithoutAStackTrace() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> longUrl = client.send(HttpRequest.newBuilder(URI.create(APP.http() + "/api/v1/schemes?x="
        + "a".repeat(ApiServer.MAX_HEADER_BYTES + 100))).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(longUrl.statusCode()).isIn(414, 431);
    HttpResponse<String> bigHeader = client.send(HttpRequest.newBuilder(URI.create(APP.http() + "/api/v1/schemes"))
        .header("X-Padding", "b".repeat(ApiServer.MAX_HEADER_BYTES + 100)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(bigHeader.statusCode()).isEqualTo(431);
    for (HttpResponse<String> refused : List.of(longUrl, bigHeader)) {
      assertThat(refused.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("io.regiolink");
    }
    assertThat(api.get("/api/v1/schemes").status()).as("the instance still answers").isEqualTo(200);
  }

  @Test
  void healthIsUpAndMetricsCarryLatenciesStreamsAndRejections() {
    Api.Answer health = api.get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().get("status").asText()).isEqualTo("UP");
    assertThat(health.body().get("streams").asText()).isEqualTo("RUNNING");
    api.json("/api/v1/links/itl1/TLI/TLE");
    api.json("/api/v1/matrix/itl1");
    String metrics = api.get("/metrics").response().body();
    assertThat(metrics)
        .contains("regiolink_http_requests_seconds_bucket{endpoint=\"/api/v1/links/{scheme}/{origin}/{destination}\"")
        .contains("regiolink_http_requests_seconds_bucket{endpoint=\"/api/v1/matrix/{scheme}\"")
        .contains("kafka_stream_client_state")
        .contains("regiolink_rejected_records_total{reason=\"BAD_BYTES\"}")
        .contains("regiolink_unresolved_postcodes_total")
        .contains("regiolink_stream_subscribers{feed=\"links\"}");
  }

  private static void assertProblem(String query, int status) {
    Api.Answer answer = api.get(query);
    assertThat(answer.status()).as(query + " -> " + answer.response().body()).isEqualTo(status);
    assertThat(answer.response().headers().firstValue("Content-Type").orElse("")).as(query).contains("json");
    assertThat(answer.body().get("error").asText()).as(query).isNotBlank();
    assertThat(answer.body().get("detail").asText()).as(query).isNotBlank();
  }
}
