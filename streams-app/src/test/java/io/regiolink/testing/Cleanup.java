package io.regiolink.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Predicate;
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
    deleteAllBut(dir, file -> false);
  }

  /**
   * Deletes every file under {@code dir} that {@code keep} does not accept, then every directory
   * left empty ({@code dir} too, if nothing is kept).
   */
  public static void deleteAllBut(Path dir, Predicate<Path> keep) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      // Deepest first, so a directory comes after its files; one still holding a kept file stays.
      files.sorted(Comparator.reverseOrder()).filter(p -> Files.isDirectory(p) || !keep.test(p))
          .forEach(p -> p.toFile().delete());
    }
  }
}
