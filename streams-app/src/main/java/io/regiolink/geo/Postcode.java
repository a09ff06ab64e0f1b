package io.regiolink.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
  /** The most characters a postcode has once its spaces are gone (AA9A 9AA). */
  private static final int MAX_LENGTH = 8;

  public Postcode(String normalised, String outward, String area) {
    this(normalised, outward, area, false);
  }

  /** Parses free text; empty when it cannot be a full postcode (too short, bad characters). */
  public static Optional<Postcode> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    // By hand rather than with regular expressions: parse runs for every office and every site of
    // every change (a company with 300 sites parses 300 postcodes per change), and the three
    // matchers it used were a tenth of what the stream threads allocated in the bench's steady
    // phase. PostcodeTest checks this against those expressions on random text.
    String upper = raw.toUpperCase(Locale.ROOT);
    char[] kept = new char[MAX_LENGTH];
    int length = 0;
    for (int i = 0; i < upper.length(); i++) {
      char c = upper.charAt(i);
      if (isSpace(c)) {
        continue;
      }
      if (length == MAX_LENGTH || !(isLetter(c) || isDigit(c))) {
        return Optional.empty();
      }
      kept[length++] = c;
    }
    if (length < 5) {
      return Optional.empty();
    }
    String given = new String(kept, 0, length);
    String n = given;
    boolean repaired = false;
    // GIR 0AA (Girobank) is a real postcode outside the format, not a typo of G1R 0AA.
    if (!fitsUkFormat(given) && !given.equals("GIR0AA")) {
      Optional<String> repair = repair(given);
      if (repair.isPresent()) {
        n = repair.get();
        repaired = true;
      }
    }
    // The shortest UK postcode has five characters (M1 1AA); the inward code is digit + two letters.
    if (!isDigit(n.charAt(n.length() - 3)) || !isLetter(n.charAt(0))) {
      return Optional.empty();
    }
    String outward = n.substring(0, n.length() - 3);
    int letters = 0;
    while (letters < outward.length() && isLetter(outward.charAt(letters))) {
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
      if (fitsUkFormat(candidate)) {
        if (found != null) {
          return Optional.empty();
        }
        found = candidate;
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The UK format, {@code [A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}}: an outward code A9, A99, A9A,
   * AA9, AA99 or AA9A, then an inward code 9AA.
   */
  static boolean fitsUkFormat(String s) {
    int n = s.length();
    if (n < 5 || n > 7 || !isDigit(s.charAt(n - 3)) || !isLetter(s.charAt(n - 2)) || !isLetter(s.charAt(n - 1))) {
      return false;
    }
    int outward = n - 3;
    if (!isLetter(s.charAt(0))) {
      return false;
    }
    // One letter then a digit, or two letters then a digit; what follows the digit, if anything,
    // is one letter or digit.
    int digitAt = isLetter(s.charAt(1)) ? 2 : 1;
    if (digitAt >= outward || !isDigit(s.charAt(digitAt))) {
      return false;
    }
    int rest = outward - digitAt - 1;
    return rest == 0 || rest == 1 && (isLetter(s.charAt(outward - 1)) || isDigit(s.charAt(outward - 1)));
  }

  private static boolean isLetter(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** What {@code \s} matches in a Java regular expression: space, tab, line feed, vertical tab, form feed, return. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
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
