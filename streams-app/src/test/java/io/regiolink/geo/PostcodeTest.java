package io.regiolink.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Postcode typo repair: only the unambiguous O/0 and I/1 swaps, never a guess. */
class PostcodeTest {
  private static final Geography GEO = Geography.load(List.of());

  @Example
  void repairsALetterWhereTheFormatNeedsADigit() {
    Postcode croydon = Postcode.parse("CRO 1JB").orElseThrow();
    assertThat(croydon.repaired()).isTrue();
    assertThat(croydon.display()).isEqualTo("CR0 1JB");
    assertThat(GEO.resolve(croydon)).containsEntry("lad", "E09000008");
    assertThat(Postcode.parse("ls1 4ap").orElseThrow().repaired()).isFalse();
  }

  @Example
  void repairsADigitWhereTheFormatNeedsALetter() {
    Postcode p = Postcode.parse("SW1A 1A0").orElseThrow();
    assertThat(p.repaired()).isTrue();
    assertThat(p.normalised()).isEqualTo("SW1A1AO");
  }

  @Example
  void neverGuessesBetweenSeveralRepairsOrRepairsWhatFits() {
    // B1O 1AA, B10 1AA and BI0 1AA all fit the format: which was meant cannot be known.
    assertThat(Postcode.parse("BIO 1AA").map(Postcode::repaired)).contains(false);
    // Fits the format as given (A9A), so it is taken as given even if no such district exists.
    assertThat(Postcode.parse("W1O 1AA").map(Postcode::repaired)).contains(false);
    assertThat(Postcode.parse("GIR 0AA").map(Postcode::repaired)).contains(false);
    // A US ZIP code is no postcode at all.
    assertThat(Postcode.parse("90210")).isEmpty();
  }

  /**
   * A valid postcode with one digit typed as O/I (or one letter typed as 0/1) is either repaired
   * back to exactly the original or left alone: never turned into some other postcode.
   */
  @Property(tries = 2000)
  void aRepairRestoresTheOriginalOrDeclines(@ForAll("typos") Typo typo) {
    Postcode parsed = Postcode.parse(typo.typed()).orElse(null);
    if (parsed != null && parsed.repaired()) {
      assertThat(parsed.normalised()).isEqualTo(typo.original());
    }
  }

  @Property(tries = 2000)
  void aPostcodeThatFitsTheFormatIsNeverRepaired(@ForAll("postcodes") String postcode) {
    assertThat(Postcode.parse(postcode).orElseThrow().repaired()).isFalse();
  }

  /** The UK format as the regular expression parse once used; {@code fitsUkFormat} is its hand-written form. */
  private static final Pattern UK_FORMAT = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}");

  @Property(tries = 5000)
  void theFormatCheckAgreesWithTheRegularExpression(@ForAll("postcodeLike") String text) {
    assertThat(Postcode.fitsUkFormat(text)).as(text).isEqualTo(UK_FORMAT.matcher(text).matches());
  }

  /**
   * parse reads free text as it did with regular expressions: upper case, every {@code \s}
   * removed, then 5 to 8 letters and digits, or nothing.
   */
  @Property(tries = 5000)
  void freeTextIsNormalisedAsTheRegularExpressionsDid(@ForAll("freeText") String raw) {
    String given = Pattern.compile("\\s+").matcher(raw.toUpperCase(Locale.ROOT)).replaceAll("");
    boolean candidate = given.length() >= 5 && given.length() <= 8 && given.matches("[A-Z0-9]+");
    Optional<Postcode> parsed = Postcode.parse(raw);
    if (!candidate) {
      assertThat(parsed).as(raw).isEmpty();
    } else {
      assertThat(parsed).as(raw).isEqualTo(Postcode.parse(given));
      parsed.filter(p -> !p.repaired()).ifPresent(p -> assertThat(p.normalised()).isEqualTo(given));
    }
  }

  @Provide
  Arbitrary<String> postcodeLike() {
    return Arbitraries.strings().withChars("ABCIOSWZ0123789").ofMinLength(0).ofMaxLength(9)
        .injectDuplicates(0.05).edgeCases(e -> e.add("GIR0AA"));
  }

  @Provide
  Arbitrary<String> freeText() {
    Arbitrary<String> postcodeWithSpaces = postcodes().map(p -> p.substring(0, p.length() - 3) + " \t" + p.substring(p.length() - 3));
    Arbitrary<String> anyText = Arbitraries.strings().withChars("aAbZz09 \t\n\u000B\f\r\u00A0\u00DF-.,O1").ofMaxLength(12);
    return Arbitraries.oneOf(postcodes(), postcodeWithSpaces, anyText, postcodes().map(p -> p.toLowerCase(Locale.ROOT)));
  }

  record Typo(String original, String typed) {}

  @Provide
  Arbitrary<String> postcodes() {
    Arbitrary<Character> letter = Arbitraries.chars().range('A', 'Z');
    Arbitrary<Character> digit = Arbitraries.chars().range('0', '9');
    Arbitrary<String> outward = Arbitraries.oneOf(
        Combinators.combine(letter, digit).as((a, b) -> "" + a + b),
        Combinators.combine(letter, digit, digit).as((a, b, c) -> "" + a + b + c),
        Combinators.combine(letter, digit, letter).as((a, b, c) -> "" + a + b + c),
        Combinators.combine(letter, letter, digit).as((a, b, c) -> "" + a + b + c),
        Combinators.combine(letter, letter, digit, digit).as((a, b, c, d) -> "" + a + b + c + d),
        Combinators.combine(letter, letter, digit, letter).as((a, b, c, d) -> "" + a + b + c + d));
    return Combinators.combine(outward, digit, letter, letter).as((o, d, a, b) -> o + d + a + b);
  }

  @Provide
  Arbitrary<Typo> typos() {
    return postcodes().filter(p -> p.chars().anyMatch(c -> "OI01".indexOf(c) >= 0))
        .flatMap(p -> Arbitraries.integers().between(0, p.length() - 1)
            .filter(i -> "OI01".indexOf(p.charAt(i)) >= 0)
            .map(i -> new Typo(p, p.substring(0, i) + swap(p.charAt(i)) + p.substring(i + 1))));
  }

  private static char swap(char c) {
    return switch (c) {
      case 'O' -> '0';
      case '0' -> 'O';
      case 'I' -> '1';
      default -> 'I';
    };
  }
}
