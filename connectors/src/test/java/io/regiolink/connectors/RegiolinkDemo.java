package io.regiolink.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The packaged regiolink jar run as a user runs it ({@code demo --no-sample}), in its own process:
 * the broker, registry and counting app the connectors feed. Its addresses come from the
 * demo.properties it writes, as for any client.
 */
final class RegiolinkDemo implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final Process process;
  private final Properties addresses = new Properties();

  RegiolinkDemo(Path workDir) throws Exception {
    Path jar = Path.of(System.getProperty("regiolink.jar", "../streams-app/target/regiolink.jar")).toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException("No " + jar + ": build streams-app first (mvn package runs the modules in order)");
    }
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "demo", "--no-sample").directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().put("REGIOLINK_HTTP_PORT", Integer.toString(freePort()));
    String registryHome = System.getProperty("regiolink.registry.home");
    if (registryHome != null) {
      builder.environment().put("REGIOLINK_REGISTRY_HOME", registryHome);
    }
    process = builder.start();
    CountDownLatch ready = new CountDownLatch(1);
    Thread pump = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          System.out.println("regiolink> " + line);
          if (line.contains("Press Ctrl-C")) {
            ready.countDown();
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "regiolink-demo-output");
    pump.setDaemon(true);
    pump.start();
    if (!ready.await(180, TimeUnit.SECONDS)) {
      close();
      throw new IllegalStateException("regiolink demo did not start within 180 s");
    }
    try (Reader in = Files.newBufferedReader(workDir.resolve(".regiolink/demo.properties"))) {
      addresses.load(in);
    }
  }

  String bootstrapServers() {
    return addresses.getProperty("bootstrap.servers");
  }

  URI registryUrl() {
    return URI.create(addresses.getProperty("registry.url"));
  }

  URI httpUrl() {
    return URI.create(addresses.getProperty("http.url"));
  }

  /** The status of a GET on regiolink's HTTP API. */
  int status(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(httpUrl().resolve(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** The JSON body of a GET on regiolink's HTTP API. */
  JsonNode json(String path) throws IOException, InterruptedException {
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(httpUrl().resolve(path)).timeout(Duration.ofSeconds(30))
        .build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.toHandle().destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
