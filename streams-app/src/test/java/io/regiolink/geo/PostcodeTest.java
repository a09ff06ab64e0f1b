package io.regiolink.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
