package io.regiolink.company;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Company numbers as the design normalises them: upper case, spaces removed; all digits padded
 * with zeros to 8 ({@code 123 -> 00000123}); two letters and digits padded to 8 in all
 * ({@code SC1234 -> SC001234}). After that, any 8 characters of A-Z and 0-9 are a number: the real
 * register also holds registered societies such as {@code IP28814R} and {@code RS07662R}, whose
 * letters are not only a two-letter prefix. Anything else is not a company number.
 */
public final class CompanyNumber {
  // Compiled once: every input record is normalised.
  private static final Pattern SPACE = Pattern.compile("\\s+");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,8}");
  private static final Pattern PREFIXED = Pattern.compile("[A-Z]{2}[0-9]{1,6}");
  private static final Pattern EIGHT = Pattern.compile("[A-Z0-9]{8}");

  private CompanyNumber() {}

  public static Optional<String> normalise(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String n = SPACE.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
    if (DIGITS.matcher(n).matches()) {
      return Optional.of("0".repeat(8 - n.length()) + n);
    }
    if (PREFIXED.matcher(n).matches()) {
      return Optional.of(n.substring(0, 2) + "0".repeat(8 - n.length()) + n.substring(2));
    }
    return EIGHT.matcher(n).matches() ? Optional.of(n) : Optional.empty();
  }
}
