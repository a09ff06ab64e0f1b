package io.regiolink.connectors.chstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.connectors.chstream.FakeCompaniesHouse.Chunk;
import io.regiolink.connectors.chstream.FakeCompaniesHouse.Cut;
import io.regiolink.connectors.chstream.FakeCompaniesHouse.End;
import io.regiolink.connectors.chstream.FakeCompaniesHouse.Response;
import io.regiolink.connectors.chstream.FakeCompaniesHouse.Silence;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stream reader against a scripted Companies House stand-in; waits are recorded, not slept. */
class StreamReaderTest {
  private static final String KEY = "test-streaming-key-123";
  private final List<Duration> pauses = new CopyOnWriteArrayList<>();
  private final BlockingQueue<StreamItem> out = new LinkedBlockingQueue<>();
  private FakeCompaniesHouse server;
  private StreamReader reader;
  private Thread thread;

  static String event(String number, long timepoint, String postcode) {
    return "{\"resource_kind\":\"company-profile\",\"resource_id\":\"" + number + "\",\"data\":{\"company_number\":\""
        + number + "\",\"company_name\":\"ÉTOILE TEST " + number + " LTD\",\"company_status\":\"active\","
        + "\"registered_office_address\":{\"postal_code\":\"" + postcode + "\"},\"sic_codes\":[\"62012\"]},"
        + "\"event\":{\"timepoint\":" + timepoint + ",\"published_at\":\"2026-01-20T10:15:42\",\"type\":\"changed\"}}";
  }

  private void start(OptionalLong resumeAfter, boolean restartFromNow, Duration heartbeat, Response... script)
      throws Exception {
    server = new FakeCompaniesHouse(script);
    StreamSettings settings = new StreamSettings(server.url(), KEY, Duration.ofSeconds(5), heartbeat,
        Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5), restartFromNow, 1 << 20);
    reader = new StreamReader(settings, resumeAfter, out, pauses::add, new Random(42));
    thread = new Thread(reader, "reader-under-test");
    thread.start();
  }

  private List<StreamItem> take(int n) throws InterruptedException {
    List<StreamItem> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StreamItem item = out.poll(20, TimeUnit.SECONDS);
      assertThat(item).as("item " + (i + 1) + " of " + n + " (got " + items + ")").isNotNull();
      items.add(item);
    }
    return items;
  }

  private static long timepoint(StreamItem item) {
    return ((StreamItem.Event) item).profile().getEvent().getTimepoint();
  }

  @AfterEach
  void stop() throws Exception {
    if (reader != null) {
      reader.stop();
      thread.interrupt();
      thread.join(5000);
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void eventsSplitAcrossChunksAndHeartbeatsBecomeWholeEventsThenItResumesAfterTheLast() throws Exception {
    String first = event("99000001", 70000001, "CB2 1TN");
    String second = event("SC999001", 70000002, "EH1 1AA");
    int inAccent = second.indexOf('É') + 1; // cuts the two bytes of É apart
    byte[] secondBytes = second.getBytes(StandardCharsets.UTF_8);
    start(OptionalLong.empty(), false, Duration.ofSeconds(30),
        Response.ok(new Chunk(first.substring(0, 40)), new Chunk(first.substring(40) + "\n"), new Chunk("\n"),
            new Chunk("\n" + second.substring(0, inAccent)), new Chunk(second.substring(inAccent) + "\n"), new End()),
        Response.ok(new Chunk(event("99000003", 70000003, "M1 1AE") + "\n"), new Silence()));
    List<StreamItem> items = take(3);
    assertThat(items).extracting(StreamReaderTest::timepoint).containsExactly(70000001L, 70000002L, 70000003L);
    assertThat(((StreamItem.Event) items.get(1)).profile().getCompanyName()).isEqualTo("ÉTOILE TEST SC999001 LTD");
    assertThat(secondBytes.length).isGreaterThan(second.length());
    var requests = server.requests();
    assertThat(requests.get(0).path()).isEqualTo("/companies");
    assertThat(requests.get(1).path()).isEqualTo("/companies?timepoint=70000003");
    assertThat(requests.get(0).authorization())
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8)));
    assertThat(pauses).as("one reconnect after the clean end").hasSize(1);
  }

  @Test
  void aConnectionCutMidLineLosesNothingAndRepeatsNothing() throws Exception {
    String second = event("00000002", 11, "LS1 4AP");
    start(OptionalLong.of(9), false, Duration.ofSeconds(30),
        Response.ok(new Chunk(event("00000001", 10, "LS1 4AP") + "\n" + second.substring(0, 30)),
            new FakeCompaniesHouse.Pause(300), new Cut()),
        Response.ok(new Chunk(second + "\n"), new Silence()));
    List<StreamItem> items = take(2);
    assertThat(items).extracting(StreamReaderTest::timepoint).containsExactly(10L, 11L);
    assertThat(server.requests()).extracting(FakeCompaniesHouse.Request::path)
        .containsExactly("/companies?timepoint=10", "/companies?timepoint=11");
    assertThat(out.poll(300, TimeUnit.MILLISECONDS)).as("nothing twice").isNull();
  }

  @Test
  void serverErrorsBackOffWithGrowingJitteredPausesThenResume() throws Exception {
    start(OptionalLong.of(41), false, Duration.ofSeconds(30), Response.status(500), Response.status(502),
        Response.status(503), Response.ok(new Chunk(event("00000042", 42, "B1 1BB") + "\n"), new Silence()));
    assertThat(take(1)).extracting(StreamReaderTest::timepoint).containsExactly(42L);
    assertThat(pauses).hasSize(3);
    assertThat(pauses.get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    assertThat(pauses.get(1)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
    assertThat(pauses.get(2)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000));
    assertThat(server.requests()).extracting(FakeCompaniesHouse.Request::path).containsOnly("/companies?timepoint=42");
  }

  @Test
  void rateLimitedStaysAwayForMinutes() throws Exception {
    start(OptionalLong.empty(), false, Duration.ofSeconds(30), Response.status(429),
        Response.ok(new Chunk(event("00000001", 1, "B1 1BB") + "\n"), new Silence()));
    take(1);
    assertThat(pauses).containsExactly(Duration.ofMinutes(5));
  }

  @Test
  void heartbeatSilenceCountsAsADeadConnection() throws Exception {
    start(OptionalLong.empty(), false, Duration.ofMillis(300),
        Response.ok(new Chunk(event("00000001", 5, "B1 1BB") + "\n\n"), new Silence()),
        Response.ok(new Chunk(event("00000002", 6, "B1 1BB") + "\n"), new Silence()));
    assertThat(take(2)).extracting(StreamReaderTest::timepoint).containsExactly(5L, 6L);
    assertThat(server.requests().get(1).path()).isEqualTo("/companies?timepoint=6");
  }

  @Test
  void aRefusedKeyFailsWithWhatToDoAndNeverShowsTheKey() throws Exception {
    start(OptionalLong.empty(), false, Duration.ofSeconds(30), Response.status(401));
    StreamItem item = take(1).get(0);
    assertThat(item).isInstanceOf(StreamItem.Fatal.class);
    assertThat(((StreamItem.Fatal) item).message()).contains("401").contains("ch.stream.api.key").doesNotContain(KEY);
    thread.join(5000);
    assertThat(thread.isAlive()).isFalse();
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aTimepointTooOldFailsAndSaysToReseedFromTheBulkSnapshot() throws Exception {
    start(OptionalLong.of(99), false, Duration.ofSeconds(30), Response.status(416));
    StreamItem.Fatal fatal = (StreamItem.Fatal) take(1).get(0);
    assertThat(fatal.message()).contains("timepoint 100").contains("416").contains("bulk snapshot")
        .contains("restart-from-now");
  }

  @Test
  void aTimepointTooOldRestartsFromNowWhenConfigured() throws Exception {
    start(OptionalLong.of(99), true, Duration.ofSeconds(30), Response.status(416),
        Response.ok(new Chunk(event("00000500", 500, "B1 1BB") + "\n"), new Silence()));
    assertThat(take(1)).extracting(StreamReaderTest::timepoint).containsExactly(500L);
    assertThat(server.requests()).extracting(FakeCompaniesHouse.Request::path)
        .containsExactly("/companies?timepoint=100", "/companies");
  }

  @Test
  void aLineThatIsNotAnEventIsHandedOnWithTheLineKept() throws Exception {
    start(OptionalLong.empty(), false, Duration.ofSeconds(30),
        Response.ok(new Chunk("{not json\n" + event("00000001", 7, "B1 1BB") + "\n"), new Silence()));
    List<StreamItem> items = take(2);
    assertThat(items.get(0)).isInstanceOfSatisfying(StreamItem.Malformed.class, m -> {
      assertThat(m.line()).isEqualTo("{not json");
      assertThat(m.problem().code().name()).isEqualTo("MALFORMED_JSON");
    });
    assertThat(timepoint(items.get(1))).isEqualTo(7L);
  }
}
