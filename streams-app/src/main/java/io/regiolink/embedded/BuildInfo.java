package io.regiolink.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions fixed at build time (from the parent pom), read from the jar. */
public record BuildInfo(String regiolinkVersion, String kafkaVersion, String registryVersion) {

  public static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/io/regiolink/build.properties")) {
      if (in == null) {
        throw new IllegalStateException("build.properties is missing from the classpath; rebuild with Maven");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BuildInfo(p.getProperty("regiolink.version"), p.getProperty("kafka.version"),
        p.getProperty("apicurio.registry.version"));
  }
}
