package io.regiolink.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.regiolink.app.RegiolinkInstance;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.embedded.LocalStack;
import io.regiolink.links.ReferenceModel;
import io.regiolink.testing.Api;
import io.regiolink.testing.Cleanup;
import io.regiolink.testing.RandomRegister;
import io.regiolink.testing.TestConfigs;
import io.regiolink.app.ContractSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import io.regiolink.history.HistoryRetention;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of one application on the real local broker and registry, each with its own
 * state directory and HTTP port, the input spread over 4 partitions and its events over the last
 * ten days: every query, today's and as of three earlier days, is answered alike by both and
 * equals the reference model's batch recount (of the events up to that day, for asOf); so do the
 * changes between two days. Then one instance stops, and while the survivor takes its partitions
 * over, every answer is a 503 or correct, never short.
 */
class MultiInstanceQueryIT {
  private static final List<String> SECTORS = List.of("ALL", "KI", "OTHER", "KIBS");
  private static final Instant NOW = Instant.now();
  /** Three days within the register's ten, asked for as dates: the counts at each one's end. */
  private static final List<LocalDate> DAYS = List.of(8, 5, 2).stream()
      .map(d -> HistoryRetention.day(NOW).minusDays(d)).toList();

  private static Path dir;
  private static LocalStack stack;
  private static RegiolinkInstance a;
  private static RegiolinkInstance b;
  private static Api apiA;
  private static Api apiB;
  private static RandomRegister register;
  private static ReferenceModel.Counts expected;
  private static final Map<String, Boolean> counted = new TreeMap<>();

  @BeforeAll
  static void twoInstancesCountARandomRegister() throws Exception {
    dir = Files.createTempDirectory("regiolink-multi");
    stack = TestConfigs.stack(TestConfigs.local(dir.resolve("stack")));
    RegiolinkConfig configA = instanceConfig("a");
    RegiolinkConfig configB = instanceConfig("b");
    ContractSetup.run(configA);
    assertThat(configA.kafka().topicPartitions()).isEqualTo(4);
    a = RegiolinkInstance.start(configA, io.regiolink.http.Answers.Dataset.user("test"));
    apiA = new Api("http://localhost:" + a.httpPort());
    // Readiness while a fresh application starts: whatever /health says must be consistent.
    int down = 0;
    while (!ready(apiA)) {
      down++;
      Thread.sleep(100);
    }
    System.out.println("/health answered 503 DOWN " + down + " times before instance a was UP");
    b = RegiolinkInstance.start(configB, io.regiolink.http.Answers.Dataset.user("test"));
    apiB = new Api("http://localhost:" + b.httpPort());

    register = RandomRegister.withHistory("MultiInstanceQueryIT", 300, NOW, 10);
    register.produce(configA);
    expected = register.expected();
    counted.putAll(register.counted());
    // Links and region summaries are counted on different partitions and stores: wait until
    // every answer the test checks has settled, not just one of them.
    List<String> queries = everyQuery();
    Awaitility.await("both instances UP and every answer counted").atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> ready(apiA) && ready(apiB) && queries.stream()
            .allMatch(q -> project(q, apiA.json(q)).equals(expectedAnswer(q))));
  }

  /** Whether /health says UP, after checking it says UP exactly when streams run and every store is queryable. */
  private static boolean ready(Api api) {
    Api.Answer health = api.get("/health");
    boolean running = health.body().get("streams").asText().equals("RUNNING");
    boolean queryable = running && java.util.stream.StreamSupport.stream(health.body().get("stores").spliterator(), false)
        .allMatch(store -> store.asText().startsWith("queryable"));
    assertThat(health.status()).as(health.response().body()).isEqualTo(queryable ? 200 : 503);
    assertThat(health.body().get("status").asText()).isEqualTo(queryable ? "UP" : "DOWN");
    return health.ok();
  }

  private static RegiolinkConfig instanceConfig(String name) {
    return TestConfigs.instance(stack, dir.resolve(name), "regiolink-multi-it", Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    Cleanup.closeThenDelete(dir, b, a, stack);
  }

  @Test
  void bothInstancesAnswerEveryQueryAsTheModelThenTheSurvivorTakesOver() {
    // Both instances hold some partitions: otherwise this would not test routing at all.
    assertThat(apiA.json("/health").toString()).doesNotContain("active partitions []");
    assertThat(apiB.json("/health").toString()).doesNotContain("active partitions []");
    List<String> queries = everyQuery();
    System.out.println("Checking " + queries.size() + " queries on both instances");
    for (String query : queries) {
      JsonNode fromA = apiA.json(query);
      assertThat(withoutAt(apiB.json(query))).as("instance b, " + query).isEqualTo(withoutAt(fromA));
      assertThat(project(query, fromA)).as(query).isEqualTo(expectedAnswer(query));
      asOf(query).ifPresent(day -> assertThat(fromA.get("at").asText()).as("the instant " + query + " reflects")
          .isEqualTo(HistoryRetention.endOf(day).toString()));
    }
    for (String scheme : List.of("itl1", "lad")) {
      String query = "/api/v1/changes/" + scheme + "?from=" + DAYS.get(0) + "&to=" + DAYS.get(2) + "&limit=1000";
      JsonNode changes = apiA.json(query);
      assertThat(withoutAt(apiB.json(query))).as("instance b, " + query).isEqualTo(withoutAt(changes));
      List<List<Object>> links = new ArrayList<>();
      changes.get("links").forEach(c -> links.add(List.of(c.get("origin").asText(), c.get("destination").asText(),
          c.at("/before/companies").asLong(), c.at("/before/sites").asLong(), c.at("/after/companies").asLong(),
          c.at("/after/sites").asLong())));
      assertThat(links).as(query).isEqualTo(register.expectedAt(HistoryRetention.endOf(DAYS.get(2)))
          .changesSince(register.expectedAt(HistoryRetention.endOf(DAYS.get(0))), scheme, "ALL"));
      assertThat(links).as("the register's moves change some links of " + scheme).isNotEmpty();
    }

    b.close();
    b = null;
    int unavailable = 0;
    int correct = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    boolean settled = false;
    while (!settled && System.nanoTime() < deadline) {
      Api.Answer health = apiA.get("/health");
      settled = health.ok() && health.body().toString().contains("active partitions [0, 1, 2, 3]");
      for (String query : List.of("/api/v1/matrix/itl1?sector=ALL", "/api/v1/hubs/itl1?by=outbound",
          "/api/v1/matrix/lad?sector=ALL&asOf=" + DAYS.get(1), "/api/v1/links/itl1/TLI/TLI?asOf=" + DAYS.get(0),
          "/api/v1/links/itl1/TLE/TLE", "/api/v1/regions/itl1/TLI?sector=KI", "/api/v1/links/lad/E08000035?direction=in")) {
        Api.Answer answer = apiA.get(query);
        if (answer.status() == 503) {
          assertThat(answer.response().headers().firstValue("Retry-After")).as("503 of " + query).isPresent();
          unavailable++;
        } else {
          assertThat(answer.status()).as(query + ": " + answer.response().body()).isEqualTo(200);
          assertThat(project(query, answer.body())).as("while rebalancing, " + query).isEqualTo(expectedAnswer(query));
          correct++;
        }
      }
    }
    System.out.printf("During the takeover: %d answers 503, %d correct%n", unavailable, correct);
    assertThat(settled).as("instance a UP with every partition after b stopped").isTrue();
    for (String query : queries) {
      assertThat(project(query, apiA.json(query))).as("survivor, " + query).isEqualTo(expectedAnswer(query));
    }
  }

  /** Every query kind over every scheme, sector and region the register touches, plus zero answers. */
  private static List<String> everyQuery() {
    List<String> queries = new ArrayList<>();
    Set<String> regions = new TreeSet<>();
    expected.regions().keySet().forEach(k -> regions.add(k.substring(0, k.indexOf(':', k.indexOf(':') + 1))));
    for (String sector : SECTORS) {
      for (String scheme : List.of("itl1", "lad")) {
        queries.add("/api/v1/matrix/" + scheme + "?sector=" + sector);
        queries.add("/api/v1/hubs/" + scheme + "?sector=" + sector + "&by=inbound&top=5");
        queries.add("/api/v1/hubs/" + scheme + "?sector=" + sector + "&by=outbound");
      }
      for (String schemeRegion : regions) {
        String[] sr = schemeRegion.split(":");
        queries.add("/api/v1/regions/" + sr[0] + "/" + sr[1] + "?sector=" + sector);
        if (!sr[1].equals("UNRESOLVED")) {
          queries.add("/api/v1/links/" + sr[0] + "/" + sr[1] + "?direction=out&sector=" + sector);
          queries.add("/api/v1/links/" + sr[0] + "/" + sr[1] + "?direction=in&limit=2&sector=" + sector);
        }
      }
    }
    expected.links().keySet().stream().filter(k -> k.endsWith(":ALL") || k.endsWith(":KI")).forEach(k -> {
      String[] p = k.split(":");
      queries.add("/api/v1/links/" + p[0] + "/" + p[1] + "/" + p[2] + "?sector=" + p[3]);
    });
    queries.add("/api/v1/links/itl1/TLN/TLC?sector=HIGH_TECH_MANUFACTURING");
    counted.keySet().stream().limit(40).forEach(n -> queries.add("/api/v1/companies/" + n));
    for (LocalDate day : DAYS) {
      ReferenceModel.Counts then = register.expectedAt(HistoryRetention.endOf(day));
      for (String sector : List.of("ALL", "KI")) {
        for (String scheme : List.of("itl1", "lad")) {
          queries.add("/api/v1/matrix/" + scheme + "?sector=" + sector + "&asOf=" + day);
          queries.add("/api/v1/hubs/" + scheme + "?sector=" + sector + "&by=inbound&top=5&asOf=" + day);
        }
        for (String schemeRegion : regions) {
          String[] sr = schemeRegion.split(":");
          queries.add("/api/v1/regions/" + sr[0] + "/" + sr[1] + "?sector=" + sector + "&asOf=" + day);
          if (!sr[1].equals("UNRESOLVED")) {
            queries.add("/api/v1/links/" + sr[0] + "/" + sr[1] + "?direction=in&sector=" + sector + "&asOf=" + day);
          }
        }
      }
      then.links().keySet().stream().filter(k -> k.endsWith(":ALL")).forEach(k -> {
        String[] p = k.split(":");
        queries.add("/api/v1/links/" + p[0] + "/" + p[1] + "/" + p[2] + "?sector=" + p[3] + "&asOf=" + day);
      });
    }
    return queries;
  }

  /** The day a query asks about (its asOf date), if any. */
  private static java.util.Optional<LocalDate> asOf(String query) {
    int at = query.indexOf("asOf=");
    return at < 0 ? java.util.Optional.empty() : java.util.Optional.of(LocalDate.parse(query.substring(at + 5,
        at + 15)));
  }

  /** An answer without the instant it reflects, which differs between two reads of today's counts. */
  private static JsonNode withoutAt(JsonNode answer) {
    JsonNode copy = answer.deepCopy();
    if (copy instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
      object.remove("at");
    }
    return copy;
  }

  // ---- the answers the reference model gives, in the API's shapes ----

  private static String expectedAnswer(String query) {
    return asJson(expectedFields(query));
  }

  private static Map<String, Object> expectedFields(String query) {
    String[] pathAndQuery = query.split("\\?");
    String[] path = pathAndQuery[0].substring("/api/v1/".length()).split("/");
    Map<String, String> params = new TreeMap<>();
    if (pathAndQuery.length > 1) {
      for (String kv : pathAndQuery[1].split("&")) {
        params.put(kv.split("=")[0], kv.split("=")[1]);
      }
    }
    String sector = params.getOrDefault("sector", "ALL");
    ReferenceModel.Counts expected = params.containsKey("asOf")
        ? register.expectedAt(HistoryRetention.endOf(LocalDate.parse(params.get("asOf"))))
        : MultiInstanceQueryIT.expected;
    return switch (path[0]) {
      case "matrix" -> Map.of("cells", RandomRegister.cells(expected, path[1], sector));
      case "hubs" -> Map.of("hubs", expectedHubs(expected, path[1], sector, params.getOrDefault("by", "inbound"),
          Integer.parseInt(params.getOrDefault("top", "20"))));
      case "regions" -> Map.of("counts", expected.regions().getOrDefault(path[1] + ":" + path[2] + ":" + sector,
          List.of(0L, 0L, 0L, 0L, 0L)));
      case "links" -> path.length == 4
          ? Map.of("counts", expected.links().getOrDefault(String.join(":", path[1], path[2], path[3], sector),
              List.of(0L, 0L)))
          : Map.of("links", expectedRegionLinks(expected, path[1], path[2], params.getOrDefault("direction", "out"),
              sector,
              Integer.parseInt(params.getOrDefault("limit", "100"))));
      case "companies" -> Map.of("counted", counted.get(path[1]));
      default -> throw new IllegalArgumentException(query);
    };
  }

  /** What of an API answer the model speaks to (counts, order, membership), in the model's terms. */
  private static String project(String query, JsonNode body) {
    String[] path = query.split("\\?")[0].substring("/api/v1/".length()).split("/");
    Map<String, Object> fields = switch (path[0]) {
      case "matrix" -> Map.of("cells", RandomRegister.cells(body));
      case "hubs" -> {
        List<List<Object>> hubs = new ArrayList<>();
        body.get("hubs").forEach(h -> hubs.add(List.of(h.get("region").asText(), h.get("companies").asLong())));
        yield Map.of("hubs", hubs);
      }
      case "regions" -> Map.of("counts", List.of(body.get("registered").asLong(), body.get("outbound").asLong(),
          body.get("inbound").asLong(), body.get("sitesIn").asLong(), body.get("unresolvedSites").asLong()));
      case "links" -> {
        if (path.length == 4) {
          yield Map.of("counts", List.of(body.get("companies").asLong(), body.get("sites").asLong()));
        }
        List<List<Object>> links = new ArrayList<>();
        body.get("links").forEach(l -> links.add(List.of(String.join(":", l.get("scheme").asText(),
            l.get("origin").asText(), l.get("destination").asText(), l.get("sector").asText()),
            l.get("companies").asLong(), l.get("sites").asLong())));
        assertThat(body.get("partial").asBoolean()).as("partial flag of " + query).isFalse();
        yield Map.of("links", links);
      }
      case "companies" -> Map.of("counted", body.get("counted").asBoolean());
      default -> throw new IllegalArgumentException(query);
    };
    return asJson(fields);
  }

  private static String asJson(Object value) {
    return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(value).toString();
  }

  private static List<List<Object>> expectedHubs(ReferenceModel.Counts expected, String scheme, String sector,
      String by, int top) {
    int index = by.equals("inbound") ? 2 : 1;
    return expected.regions().entrySet().stream()
        .map(e -> Map.entry(e.getKey().split(":"), e.getValue().get(index)))
        .filter(e -> e.getKey()[0].equals(scheme) && e.getKey()[2].equals(sector) && !e.getKey()[1].equals("UNRESOLVED")
            && e.getValue() > 0)
        .sorted(Comparator.comparing((Map.Entry<String[], Long> e) -> -e.getValue()).thenComparing(e -> e.getKey()[1]))
        .limit(top)
        .map(e -> List.<Object>of(e.getKey()[1], e.getValue()))
        .toList();
  }

  private static List<List<Object>> expectedRegionLinks(ReferenceModel.Counts expected, String scheme, String region,
      String direction, String sector, int limit) {
    return expected.links().entrySet().stream()
        .filter(e -> {
          String[] p = e.getKey().split(":");
          return p[0].equals(scheme) && p[3].equals(sector) && (direction.equals("out") ? p[1] : p[2]).equals(region);
        })
        .sorted(Comparator.comparing((Map.Entry<String, List<Long>> e) -> -e.getValue().get(0))
            .thenComparing(e -> -e.getValue().get(1)).thenComparing(Map.Entry::getKey))
        .limit(limit)
        .map(e -> List.<Object>of(e.getKey(), e.getValue().get(0), e.getValue().get(1)))
        .toList();
  }

}
