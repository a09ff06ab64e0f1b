package io.regiolink.geo;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A UK postcode as the design normalises it: upper case, no spaces; the outward code (the
 * postcode district) is all but the last three characters, the area its leading letters.
 */
public record Postcode(String normalised, String outward, String area) {
  // Compiled once: parse runs for every office and site of every change.
  private static final Pattern SPACE = Pattern.compile("\\s+");
  private static final Pattern CHARACTERS = Pattern.compile("[A-Z0-9]+");

  /** Parses free text; empty when it cannot be a full postcode (too short, bad characters). */
  public static Optional<Postcode> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String n = SPACE.matcher(raw.toUpperCase(Locale.ROOT)).replaceAll("");
    // The shortest UK postcode has five characters (M1 1AA); the inward code is digit + two letters.
    if (n.length() < 5 || n.length() > 8 || !CHARACTERS.matcher(n).matches()
        || !Character.isDigit(n.charAt(n.length() - 3)) || !Character.isLetter(n.charAt(0))) {
      return Optional.empty();
    }
    String outward = n.substring(0, n.length() - 3);
    int letters = 0;
    while (letters < outward.length() && Character.isLetter(outward.charAt(letters))) {
      letters++;
    }
    return Optional.of(new Postcode(n, outward, outward.substring(0, letters)));
  }
}
