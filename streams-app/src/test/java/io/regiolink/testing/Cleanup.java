package io.regiolink.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The end of a test class that started its own instances: close them in order, then delete its directory. */
public final class Cleanup {
  private Cleanup() {}

  /** Closes each (nulls skipped: what failed to start), then deletes {@code dir} with everything in it. */
  public static void closeThenDelete(Path dir, AutoCloseable... inOrder) throws Exception {
    try {
      for (AutoCloseable c : inOrder) {
        if (c != null) {
          c.close();
        }
      }
    } finally {
      delete(dir);
    }
  }

  public static void delete(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
