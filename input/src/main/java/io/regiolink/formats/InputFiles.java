package io.regiolink.formats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** How input files (event lines, site files) are read as text. */
public final class InputFiles {
  private InputFiles() {}

  /**
   * The file as UTF-8, with bytes that are not UTF-8 read as U+FFFD. Why not
   * {@code Files.newBufferedReader}: it throws at the first such byte, and one bad byte then
   * stopped the whole file, good lines after it included; read this way, the line that holds it is
   * judged on its own (a number or a postcode with U+FFFD in it is rejected, a label is kept).
   */
  public static BufferedReader utf8(Path file) throws IOException {
    return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
  }
}
