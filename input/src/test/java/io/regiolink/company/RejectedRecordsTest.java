package io.regiolink.company;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.RejectedRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class RejectedRecordsTest {
  @Test
  void aRejectionOfAnyInputFitsUnderTheClientsOneMebibyte() throws IOException {
    String line = "9".repeat(3_000_000);
    RejectedRecord r = RejectedRecords.of("sites-connector:big.csv:2", "BAD_CSV", "'" + line + "' is not a row",
        line.getBytes(StandardCharsets.UTF_8), line.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);

    assertThat(encoded(r)).isLessThan(1024 * 1024);
    assertThat(r.getRawValue().remaining()).isEqualTo(RejectedRecords.MAX_RAW_VALUE);
    assertThat(r.getRawKey().remaining()).isEqualTo(RejectedRecords.MAX_RAW_KEY);
    assertThat(r.getReason()).startsWith("'999").contains("(3000015 characters in all)")
        .endsWith("(raw_value holds the first 921600 of its 3000000 bytes)");
  }

  @Test
  void aSmallRejectionKeepsEverythingAsItWas() {
    RejectedRecord r = RejectedRecords.of("t/0/1", "BAD_BYTES", "not Avro", new byte[] {1}, new byte[] {2, 3},
        Instant.EPOCH);
    assertThat(r.getReason()).isEqualTo("not Avro");
    assertThat(r.getRawKey().array()).containsExactly(1);
    assertThat(r.getRawValue().array()).containsExactly(2, 3);
  }

  private static int encoded(RejectedRecord r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(RejectedRecord.class).write(r, encoder);
    encoder.flush();
    return out.size();
  }
}
