package io.regiolink.embedded;

import io.regiolink.config.ConfigException;
import io.regiolink.config.PropertiesFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The addresses a running demo serves, written to {@code <state.dir>/demo.properties} so client
 * commands (replay, ...) given no addresses can find it.
 */
public record DemoAddresses(String bootstrapServers, URI registryUrl, URI httpUrl) {
  public static final String FILE_NAME = "demo.properties";

  public static Path file(Path stateDir) {
    return stateDir.resolve(FILE_NAME);
  }

  public void write(Path stateDir) {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrapServers);
    p.setProperty("registry.url", registryUrl.toString());
    p.setProperty("http.url", httpUrl.toString());
    PropertiesFile.write(file(stateDir), p, "addresses of the running regiolink demo; removed when it stops");
  }

  public static DemoAddresses read(Path stateDir) {
    Path source = file(stateDir);
    if (!Files.isRegularFile(source)) {
      throw new ConfigException("No running demo found: " + source.toAbsolutePath() + " does not exist. "
          + "Start one with 'regiolink demo' (same --state-dir), or pass --bootstrap-servers and --registry-url.");
    }
    Properties p = PropertiesFile.read(source);
    return new DemoAddresses(p.getProperty("bootstrap.servers"), URI.create(p.getProperty("registry.url")),
        URI.create(p.getProperty("http.url")));
  }

  public static void remove(Path stateDir) {
    try {
      Files.deleteIfExists(file(stateDir));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove " + file(stateDir), e);
    }
  }
}
