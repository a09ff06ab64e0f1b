package io.regiolink.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A UK postcode as the design normalises it: upper case, no spaces; the outward code (the
 * postcode district) is all but the last three characters, the area its leading letters.
 *
 * <p>Real registers hold typos such as {@code CRO 1JB} (letter O for the zero of CR0). A postcode
 * that does not fit the UK format is repaired only when exactly one way of swapping O/0 and I/1
 * makes it fit: a letter where the format needs a digit, or a digit where it needs a letter. Any
 * other misfit is kept as given (and is then usually unresolved): regiolink never guesses.
 *
 * @param repaired true when {@code normalised} is a repair of what was given
 */
public record Postcode(String normalised, String outward, String area, boolean repaired) {
  // Compiled once: parse runs for every office and site of every change.
  private static final Pattern SPACE = Pattern.compile("\\s+");
  private static final Pattern CHARACTERS = Pattern.compile("[A-Z0-9]+");
  /** The UK format: outward A9, A99, A9A, AA9, AA99 or AA9A; inward 9AA. */
  private static final Pattern UK_FORMAT = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}");

  public Postcode(String normalised, String outward, String area) {
    this(normalised, outward, area, false);
  }

  /** Parses free text; empty when it cannot be a full postcode (too short, bad characters). */
  public static Optional<Postcode> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String given = SPACE.matcher(raw.toUpperCase(Locale.ROOT)).replaceAll("");
    if (given.length() < 5 || given.length() > 8 || !CHARACTERS.matcher(given).matches()) {
      return Optional.empty();
    }
    String n = given;
    boolean repaired = false;
    // GIR 0AA (Girobank) is a real postcode outside the format, not a typo of G1R 0AA.
    if (!UK_FORMAT.matcher(given).matches() && !given.equals("GIR0AA")) {
      Optional<String> repair = repair(given);
      if (repair.isPresent()) {
        n = repair.get();
        repaired = true;
      }
    }
    // The shortest UK postcode has five characters (M1 1AA); the inward code is digit + two letters.
    if (!Character.isDigit(n.charAt(n.length() - 3)) || !Character.isLetter(n.charAt(0))) {
      return Optional.empty();
    }
    String outward = n.substring(0, n.length() - 3);
    int letters = 0;
    while (letters < outward.length() && Character.isLetter(outward.charAt(letters))) {
      letters++;
    }
    return Optional.of(new Postcode(n, outward, outward.substring(0, letters), repaired));
  }

  /** The one variant, swapping O/0 and I/1, that fits the UK format; empty when none or several do. */
  static Optional<String> repair(String given) {
    List<Integer> confusable = new ArrayList<>();
    for (int i = 0; i < given.length(); i++) {
      if (swap(given.charAt(i)) != 0) {
        confusable.add(i);
      }
    }
    if (confusable.isEmpty() || confusable.size() > 8) {
      return Optional.empty();
    }
    String found = null;
    // Every subset of the confusable characters swapped (the empty subset is the given text, known not to fit).
    for (int mask = 1; mask < 1 << confusable.size(); mask++) {
      char[] variant = given.toCharArray();
      for (int bit = 0; bit < confusable.size(); bit++) {
        if ((mask & 1 << bit) != 0) {
          int at = confusable.get(bit);
          variant[at] = swap(variant[at]);
        }
      }
      String candidate = new String(variant);
      if (UK_FORMAT.matcher(candidate).matches()) {
        if (found != null) {
          return Optional.empty();
        }
        found = candidate;
      }
    }
    return Optional.ofNullable(found);
  }

  private static char swap(char c) {
    return switch (c) {
      case 'O' -> '0';
      case '0' -> 'O';
      case 'I' -> '1';
      case '1' -> 'I';
      default -> 0;
    };
  }

  /** The postcode as written on letters: outward, space, inward. */
  public String display() {
    return outward + " " + normalised.substring(outward.length());
  }
}
