package io.regiolink.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The small properties files regiolink keeps under its state directory (ports, demo addresses,
 * sample progress). Written atomically, so a crash mid-write never leaves half a file for the
 * next start to trip over.
 */
public final class PropertiesFile {
  private PropertiesFile() {}

  /** The file's properties; empty when it does not exist. */
  public static Properties read(Path file) {
    Properties properties = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return properties;
  }

  public static void write(Path file, Properties properties, String comment) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        properties.store(writer, comment);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
