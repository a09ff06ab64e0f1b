package io.regiolink.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
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

  static List<Path> currentSchemas() throws IOException {
    try (Stream<Path> files = Files.list(CURRENT)) {
      return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
    }
  }

  @Test
  void everyTopicValueHasASchema() throws IOException {
    assertThat(currentSchemas())
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder(
            "CompanyProfileEvent.avsc", "TradingSites.avsc", "LinkCount.avsc",
            "RegionSummary.avsc", "LinkShiftAlert.avsc", "RejectedRecord.avsc");
  }

  @ParameterizedTest(name = "{0} has a released copy it can read")
  @MethodSource("currentSchemas")
  void isBackwardCompatibleWithItsReleasedCopy(Path current) throws IOException {
    Path released = HISTORY.resolve(current.getFileName());
    assertThat(released).as("released copy of %s under schemas/history/", current.getFileName()).exists();

    Schema reader = parse(current);
    Schema writer = parse(released);
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    assertThat(result.getCompatibility())
        .as("%s must read data written with history/%s: %s",
            current.getFileName(), released.getFileName(), result.getIncompatibilities())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @ParameterizedTest(name = "{0} documents every field")
  @MethodSource("currentSchemas")
  void documentsEveryRecordAndField(Path current) throws IOException {
    assertDocumented(parse(current));
  }

  /** Guards the guard: the check above must reject a change that breaks old data. */
  @Test
  void aRequiredFieldWithoutDefaultIsRejected() throws IOException {
    Schema released = parse(HISTORY.resolve("LinkCount.avsc"));
    String broken = Files.readString(CURRENT.resolve("LinkCount.avsc"))
        .replace("\"fields\": [",
            "\"fields\": [\n    {\"name\": \"new_required\", \"type\": \"long\", \"doc\": \"no default\"},");
    Schema reader = new Schema.Parser().parse(broken);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(reader, released).getType())
        .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  private static Schema parse(Path file) throws IOException {
    return new Schema.Parser().parse(file.toFile());
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
