package io.regiolink.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.regiolink.replay.ProcessingLag;
import io.regiolink.testing.Api;
import io.regiolink.testing.RandomRegister;
import io.regiolink.testing.RunningAppExtension;
import io.regiolink.testing.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a hostile or broken client can do to one instance's HTTP server: stall a request, stop
 * reading large answers, open more live feeds than allowed. The server must close what is stuck,
 * keep answering everyone else, and refuse politely (limits are set small here so the test reaches
 * them; the defaults are in {@link HttpSettings} and {@code FeedSettings}).
 */
class HttpHardeningIT {
  private static final Duration IDLE = Duration.ofSeconds(3);
  private static final int MAX_CLIENTS = 2;
  @RegisterExtension static final RunningAppExtension APP = new RunningAppExtension(Map.of(
      "http.idle.timeout", IDLE.toString(), "stream.heartbeat", "PT1S", "stream.max.clients",
      Integer.toString(MAX_CLIENTS)));
  /** The largest answer the API gives: many copies of it are what a slow reader leaves unread. */
  private static final String LARGE = "/api/v1/matrix/lad?sector=ALL";
  private static Api api;

  @BeforeAll
  static void data() throws Exception {
    api = new Api(APP.http());
    RandomRegister.withRandomSeed("HttpHardeningIT", 300).produce(APP.config());
    try (ProcessingLag lag = ProcessingLag.ofRegiolink(APP.config().kafkaClientSettings(),
        APP.config().applicationId())) {
      Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> lag.behind().total() == 0);
    }
  }

  @Test
  void aRequestWhoseHeadersStallIsClosedAfterTheIdleTimeout() throws Exception {
    try (Socket socket = connect()) {
      // Slowloris: a request line and one header, then nothing, holding the connection open.
      socket.getOutputStream()
          .write("GET /api/v1/schemes HTTP/1.1\r\nHost: test\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      assertClosedByServer(socket, Long.MAX_VALUE);
    }
    assertThat(api.get("/api/v1/schemes").status()).as("the instance still answers").isEqualTo(200);
  }

  @Test
  void clientsThatStopReadingLargeAnswersNeitherStallOthersNorKeepTheirConnections() throws Exception {
    String expected = api.get(LARGE).response().body();
    assertThat(expected).contains("\"cells\"");
    // Pipelined requests whose answers add up to far more than the socket buffers on both sides
    // hold, so the server's writes to these clients block for certain, whatever the matrix's size.
    int requests = (int) Math.max(50, (16L << 20) / expected.length());
    String pipelined = ("GET " + LARGE + " HTTP/1.1\r\nHost: test\r\n\r\n").repeat(requests);
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connecting, so the advertised window stays small
        socket.connect(new InetSocketAddress("127.0.0.1", URI.create(APP.http()).getPort()), 10_000);
        OutputStream out = socket.getOutputStream();
        out.write(pipelined.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        slow.add(socket);
      }
      // Everyone else is answered in full and correctly while those writes are stuck.
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(APP.http() + LARGE))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(expected);
      }
      // The stuck writes time out and the server closes those connections, freeing their threads:
      // each slow client gets less than it asked for, then the end of the stream.
      Thread.sleep(IDLE.multipliedBy(2).toMillis());
      for (Socket socket : slow) {
        assertClosedByServer(socket, (long) requests * expected.length());
      }
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
    assertThat(api.get(LARGE).status()).isEqualTo(200);
  }

  @Test
  void theLiveFeedCapIsHeldPerFeedWith503AndRetryAfter() throws Exception {
    String links = APP.http() + "/api/v1/stream/links";
    List<SseReader> open = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_CLIENTS; i++) {
        SseReader reader = new SseReader(links, null);
        reader.awaitConnected();
        open.add(reader);
      }
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(links))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(refused.body()).contains("stream.max.clients").doesNotContain("Exception");
      // The cap is per feed: the alert feed still has room.
      try (SseReader alerts = new SseReader(APP.http() + "/api/v1/stream/alerts", null)) {
        alerts.awaitConnected();
      }
      // A client that leaves gives its place back (noticed at the next heartbeat at the latest).
      open.remove(0).close();
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
        try (SseReader again = new SseReader(links, null)) {
          again.awaitConnected();
          return true;
        } catch (AssertionError stillFull) {
          return false;
        }
      });
    } finally {
      for (SseReader reader : open) {
        reader.close();
      }
    }
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", URI.create(APP.http()).getPort()), 10_000);
    return socket;
  }

  /**
   * Reads until the server ends the connection, which it must do within a generous multiple of the
   * idle timeout, having sent fewer than {@code lessThan} bytes. A reset counts as closed.
   */
  private static void assertClosedByServer(Socket socket, long lessThan) throws IOException {
    socket.setSoTimeout((int) IDLE.multipliedBy(10).toMillis());
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[64 * 1024];
    long read = 0;
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        read += n;
      }
    } catch (SocketTimeoutException e) {
      fail("the server kept a stuck connection open " + IDLE.multipliedBy(10) + " after its last byte ("
          + read + " bytes read)");
    } catch (IOException reset) {
      // Closed with unsent bytes in its buffer: a reset, which is closing too.
    }
    assertThat(read).as("bytes the server sent before closing").isLessThan(lessThan);
  }
}
