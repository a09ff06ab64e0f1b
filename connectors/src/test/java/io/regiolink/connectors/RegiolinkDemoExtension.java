package io.regiolink.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A packaged regiolink ({@link RegiolinkDemo}) for one test class: started before its tests in a
 * directory of its own, stopped and removed after them.
 */
final class RegiolinkDemoExtension implements BeforeAllCallback, AfterAllCallback {
  private Path dir;
  private RegiolinkDemo demo;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("regiolink-demo-it");
    demo = new RegiolinkDemo(dir);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (demo != null) {
      demo.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  String bootstrapServers() {
    return demo.bootstrapServers();
  }

  URI registryUrl() {
    return demo.registryUrl();
  }

  int status(String path) throws IOException, InterruptedException {
    return demo.status(path);
  }

  JsonNode json(String path) throws IOException, InterruptedException {
    return demo.json(path);
  }
}
