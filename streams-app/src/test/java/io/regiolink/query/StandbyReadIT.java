package io.regiolink.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.app.RegiolinkInstance;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.embedded.LocalStack;
import io.regiolink.testing.Api;
import io.regiolink.testing.Cleanup;
import io.regiolink.testing.RandomRegister;
import io.regiolink.testing.TestConfigs;
import io.regiolink.app.ContractSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An instance whose peer cannot be reached (its advertised URL leads nowhere) while that peer
 * still holds partitions active: strict queries are 503 with Retry-After, allowPartial answers
 * say partial, and allowStale answers from this instance's standby replicas, correctly.
 */
class StandbyReadIT {
  private static Path dir;
  private static LocalStack stack;
  private static RegiolinkInstance a;
  private static RegiolinkInstance b;
  private static Api apiA;
  private static RandomRegister register;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("regiolink-standby");
    stack = TestConfigs.stack(TestConfigs.local(dir.resolve("stack")));
    RegiolinkConfig configA = config("a", Map.of());
    RegiolinkConfig configB = config("b", Map.of("advertised.url", "http://localhost:" + TestConfigs.freePort()));
    ContractSetup.run(configA);
    a = RegiolinkInstance.start(configA, io.regiolink.http.Answers.Dataset.user("test"));
    b = RegiolinkInstance.start(configB, io.regiolink.http.Answers.Dataset.user("test"));
    apiA = new Api("http://localhost:" + a.httpPort());
    register = RandomRegister.withRandomSeed("StandbyReadIT", 120);
    register.produce(configA);
  }

  private static RegiolinkConfig config(String name, Map<String, String> extra) {
    Map<String, String> flags = new HashMap<>(Map.of("query.standby.max.lag", "10", "query.peer.timeout", "PT0.5S"));
    flags.putAll(extra);
    return TestConfigs.instance(stack, dir.resolve(name), "regiolink-standby-it", flags);
  }

  @AfterAll
  static void stop() throws Exception {
    Cleanup.closeThenDelete(dir, b, a, stack);
  }

  @Test
  void standbysAnswerOnlyWhenTheCallerAllowsStaleReads() {
    // Input has stopped, so the standbys catch up to within the bound and a stale read equals the
    // truth. (At exactly_once_v2 a caught-up standby reports a lag of 1: the last commit marker.)
    Awaitility.await("stale matrix on a equals the model").atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> RandomRegister.cells(apiA.json("/api/v1/matrix/itl1?allowStale=true"))
            .equals(register.cells("itl1", "ALL")));
    assertThat(apiA.json("/health").toString()).as("b holds partitions active, so a cannot answer alone")
        .doesNotContain("active partitions [0, 1, 2, 3]");

    Api.Answer strict = apiA.get("/api/v1/matrix/itl1");
    assertThat(strict.status()).isEqualTo(503);
    assertThat(strict.response().headers().firstValue("Retry-After")).isPresent();
    assertThat(strict.body().get("detail").asText()).contains("allowStale=true");

    Api.Answer partial = apiA.get("/api/v1/matrix/itl1?allowPartial=true");
    assertThat(partial.status()).isEqualTo(200);
    assertThat(partial.body().get("partial").asBoolean()).isTrue();
    assertThat(RandomRegister.cells(partial.body())).isSubsetOf(register.cells("itl1", "ALL"))
        .hasSizeLessThan(register.cells("itl1", "ALL").size());

    Api.Answer stale = apiA.get("/api/v1/hubs/itl1?allowStale=true");
    assertThat(stale.status()).isEqualTo(200);
    assertThat(stale.body().get("partial").asBoolean()).isFalse();
    register.expected().links().forEach((key, counts) -> {
      String[] p = key.split(":");
      if (p[0].equals("itl1") && p[3].equals("ALL")) {
        var link = apiA.json("/api/v1/links/itl1/" + p[1] + "/" + p[2] + "?allowStale=true");
        assertThat(link.get("companies").asLong()).as(key).isEqualTo(counts.get(0));
      }
    });
  }
}
