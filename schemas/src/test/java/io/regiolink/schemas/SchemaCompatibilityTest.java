package io.regiolink.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.LinkCount;
import io.regiolink.avro.internal.LinkTotals;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every topic-value schema must read what its last released copy wrote (BACKWARD), the same
 * rule the registry enforces per subject; catching it here fails the build instead of a deploy.
 */
class SchemaCompatibilityTest {

  private static final Path CURRENT = Path.of(System.getProperty("regiolink.schemas.dir", "src/main/avro"));
  private static final Path HISTORY = Path.of(System.getProperty("regiolink.schemas.history.dir", "history"));

  /** Schemas the internal ones refer to by name; parsed first, as the code generator does. */
  private static final List<String> IMPORTS =
      List.of("CompanyProfileEvent.avsc", "TradingSites.avsc", "internal/CountDelta.avsc");

  /** Every schema, as a path relative to its root: topic values at the top, internal topics under internal/. */
  static List<Path> currentSchemas() throws IOException {
    try (Stream<Path> files = Files.walk(CURRENT)) {
      return files.filter(p -> p.toString().endsWith(".avsc")).map(CURRENT::relativize).sorted().toList();
    }
  }

  @Test
  void everyTopicValueHasASchema() throws IOException {
    assertThat(currentSchemas())
        .filteredOn(p -> p.getNameCount() == 1)
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder(
            "CompanyProfileEvent.avsc", "TradingSites.avsc", "LinkCount.avsc",
            "RegionSummary.avsc", "LinkShiftAlert.avsc", "RejectedRecord.avsc");
  }

  @ParameterizedTest(name = "{0} has a released copy it can read")
  @MethodSource("currentSchemas")
  void isBackwardCompatibleWithItsReleasedCopy(Path schema) throws IOException {
    Path released = HISTORY.resolve(schema);
    assertThat(released).as("released copy of %s under schemas/history/", schema).exists();

    Schema reader = parse(CURRENT, schema);
    Schema writer = parse(HISTORY, schema);
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    assertThat(result.getCompatibility())
        .as("%s must read data written with history/%s: %s", schema, schema, result.getIncompatibilities())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @ParameterizedTest(name = "{0} documents every field")
  @MethodSource("currentSchemas")
  void documentsEveryRecordAndField(Path schema) throws IOException {
    assertDocumented(parse(CURRENT, schema));
  }

  /**
   * The by-destination store held whole LinkCount records before it held LinkTotals: a store
   * restored from a changelog an earlier version wrote must still read.
   */
  @Test
  void linkTotalsReadTheLinkCountsTheIndexHeldBefore() throws IOException {
    Schema reader = parse(CURRENT, Path.of("internal/LinkTotals.avsc"));
    Schema writer = parse(HISTORY, Path.of("LinkCount.avsc"));
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    assertThat(result.getCompatibility()).as("%s", result.getIncompatibilities())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);

    LinkCount old = LinkCount.newBuilder().setScheme("lad").setOrigin("E09000033").setDestination("E08000035")
        .setSector("KIBS").setCompanies(7).setSites(11).setAsOf(Instant.parse("2025-06-02T09:00:00Z")).build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new SpecificDatumWriter<>(LinkCount.class).write(old, encoder);
    encoder.flush();
    LinkTotals read = new SpecificDatumReader<LinkTotals>(writer, LinkTotals.getClassSchema())
        .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    assertThat(read).isEqualTo(new LinkTotals(7L, 11L, old.getAsOf()));
  }

  /** Guards the guard: the check above must reject a change that breaks old data. */
  @Test
  void aRequiredFieldWithoutDefaultIsRejected() throws IOException {
    Schema released = parse(HISTORY, Path.of("LinkCount.avsc"));
    String broken = Files.readString(CURRENT.resolve("LinkCount.avsc"))
        .replace("\"fields\": [",
            "\"fields\": [\n    {\"name\": \"new_required\", \"type\": \"long\", \"doc\": \"no default\"},");
    Schema reader = new Schema.Parser().parse(broken);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(reader, released).getType())
        .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  private static Schema parse(Path root, Path schema) throws IOException {
    Schema.Parser parser = new Schema.Parser();
    if (schema.getNameCount() > 1) {
      for (String name : IMPORTS) {
        if (!schema.equals(Path.of(name))) { // an imported schema is not parsed twice
          parser.parse(root.resolve(name).toFile());
        }
      }
    }
    return parser.parse(root.resolve(schema).toFile());
  }

  private static void assertDocumented(Schema schema) {
    switch (schema.getType()) {
      case RECORD -> {
        assertThat(schema.getDoc()).as("doc of record %s", schema.getFullName()).isNotBlank();
        for (Schema.Field field : schema.getFields()) {
          assertThat(field.doc()).as("doc of %s.%s", schema.getName(), field.name()).isNotBlank();
          assertDocumented(field.schema());
        }
      }
      case UNION -> schema.getTypes().forEach(SchemaCompatibilityTest::assertDocumented);
      case ARRAY -> assertDocumented(schema.getElementType());
      case MAP -> assertDocumented(schema.getValueType());
      default -> { }
    }
  }
}
