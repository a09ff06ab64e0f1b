package io.regiolink.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeographyTest {
  static Geography geo;

  @BeforeAll
  static void load() {
    geo = Geography.load(List.of());
  }

  @Test
  void postcodesAreNormalisedAndSplit() {
    assertThat(Postcode.parse(" ls1  4ap")).contains(new Postcode("LS14AP", "LS1", "LS"));
    assertThat(Postcode.parse("EC1A 1BB")).contains(new Postcode("EC1A1BB", "EC1A", "EC"));
    assertThat(Postcode.parse("M1 1AE")).contains(new Postcode("M11AE", "M1", "M"));
    assertThat(Postcode.parse("")).isEmpty();
    assertThat(Postcode.parse(null)).isEmpty();
    assertThat(Postcode.parse("LS1")).as("an outward code alone").isEmpty();
    assertThat(Postcode.parse("not a postcode")).isEmpty();
  }

  @Test
  void resolvesInEveryScheme() {
    assertThat(geo.resolve(Postcode.parse("LS1 4AP").orElseThrow()))
        .isEqualTo(Map.of("lad", "E08000035", "itl1", "TLE"));
    assertThat(geo.resolve(Postcode.parse("SW1A 1AA").orElseThrow()))
        .isEqualTo(Map.of("lad", "E09000033", "itl1", "TLI"));
    assertThat(geo.resolve(Postcode.parse("BT1 1AA").orElseThrow()))
        .isEqualTo(Map.of("lad", "N09000003", "itl1", "TLN"));
  }

  @Test
  void aDistrictMissingFromTheDataFallsBackToItsAreaForItl1Only() {
    // W1 is a terminated district (W1A..W1W are current); the area W is London.
    assertThat(geo.resolve(Postcode.parse("W1 1AA").orElseThrow())).isEqualTo(Map.of("itl1", "TLI"));
  }

  @Test
  void placesOutsideTheDataAreUnresolved() {
    assertThat(geo.resolve(Postcode.parse("GY1 1AA").orElseThrow())).as("Guernsey").isEmpty();
    assertThat(geo.resolve(Postcode.parse("ZZ9 9ZZ").orElseThrow())).isEmpty();
  }

  @Test
  void schemesListTheirRegions() {
    assertThat(geo.schemeNames()).containsExactly("lad", "itl1");
    assertThat(geo.scheme("itl1").orElseThrow().regions()).hasSize(12);
    assertThat(geo.scheme("lad").orElseThrow().regions()).hasSize(361);
    assertThat(geo.scheme("itl1").orElseThrow().region("TLE").orElseThrow().name()).isEqualTo("Yorkshire and The Humber");
  }

  @Test
  void aCustomSchemeGroupsLocalAuthorities(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("hubs.csv");
    Files.writeString(csv, """
        lad_code,region_code,region_name
        E09000033,CENTRAL-LONDON,Central London
        E09000001,CENTRAL-LONDON,Central London
        E08000035,LEEDS,Leeds
        """);
    Geography withHubs = Geography.load(List.of(new CustomScheme("hubs", csv)));
    assertThat(withHubs.resolve(Postcode.parse("EC1A 1BB").orElseThrow())).containsEntry("hubs", "CENTRAL-LONDON");
    assertThat(withHubs.resolve(Postcode.parse("M1 1AE").orElseThrow())).doesNotContainKey("hubs");
    Region central = withHubs.scheme("hubs").orElseThrow().region("CENTRAL-LONDON").orElseThrow();
    assertThat(central.lat()).isBetween(51.4, 51.6);
  }

  @Test
  void aBadCustomSchemeSaysWhichRows(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "lad_code,region_code,region_name\nX99999999,A,A\nE08000035,,Leeds\n");
    assertThatThrownBy(() -> Geography.load(List.of(new CustomScheme("bad", csv))))
        .hasMessageContaining("bad.csv:2: unknown local authority code X99999999")
        .hasMessageContaining("bad.csv:3:");
  }

  @Test
  void theShippedExampleSchemePlacesEveryLocalAuthority() {
    Path example = Path.of(System.getProperty("regiolink.examples.dir", "../examples")).resolve("schemes/uk-countries.csv");
    Geography countries = Geography.load(List.of(new CustomScheme("countries", example)));
    assertThat(countries.scheme("countries").orElseThrow().regions()).extracting(Region::code)
        .containsExactly("E92000001", "N92000002", "S92000003", "W92000004");
    assertThat(countries.resolve(Postcode.parse("EH1 1AA").orElseThrow())).containsEntry("countries", "S92000003");
    assertThat(countries.resolve(Postcode.parse("BT1 1AA").orElseThrow())).containsEntry("countries", "N92000002");
  }
}
