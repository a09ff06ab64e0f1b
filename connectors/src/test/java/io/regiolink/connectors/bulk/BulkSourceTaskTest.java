package io.regiolink.connectors.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.connectors.FakeTaskContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bulk task's reading and offsets: batches, rejected rows, zip, and a restart in the middle of a file. */
class BulkSourceTaskTest {
  private static final String HEADER = "CompanyName, CompanyNumber,RegAddress.PostCode,CompanyStatus,IncorporationDate,"
      + "SICCode.SicText_1";
  private static final List<String> ROWS = List.of(
      "\"A LTD\",\"00000001\",\"LS1 4AP\",\"Active\",\"01/01/2020\",\"62012 - software\"",
      "\"B LTD\",\"00000002\",\"M1 1AE\",\"Active\",\"02/01/2020\",\"\"",
      "\"C LTD\",\"00000003\",\"B1 1BB\",\"Active\",\"2020-01-03\",\"\"",
      "\"D LTD\",\"not a number\",\"B1 1BB\",\"Dissolved\",\"04/01/2020\",\"\"",
      "\"E LTD\",\"SC5\",\"EH1 1AA\",\"Liquidation\",\"05/01/2020\",\"\"");
  @TempDir Path dir;

  private List<SourceRecord> readAll(FakeTaskContext context) throws Exception {
    CompaniesHouseBulkSourceTask task = new CompaniesHouseBulkSourceTask(c -> context.recordMaker());
    task.initialize(context);
    task.start(Map.of("bulk.dir", dir.toString(), "bulk.published.at", "2026-11-01", "bulk.timepoint", "77",
        "registry.url", "http://unused", "batch.max", "2"));
    List<SourceRecord> all = new ArrayList<>();
    List<SourceRecord> batch;
    while ((batch = task.poll()) != null) {
      assertThat(batch.size()).isLessThanOrEqualTo(2);
      all.addAll(batch);
    }
    task.stop();
    return all;
  }

  @Test
  void rowsInBatchesWithOffsetsByLineAndTheBadOnesRejected() throws Exception {
    Files.writeString(dir.resolve("BasicCompanyData-2026-11-01.csv"), HEADER + "\n" + String.join("\n", ROWS) + "\n");
    FakeTaskContext context = new FakeTaskContext();
    List<SourceRecord> records = readAll(context);
    assertThat(records).extracting(SourceRecord::topic).containsExactly("companies.profiles.v1",
        "companies.profiles.v1", "regiolink.rejected.v1", "regiolink.rejected.v1", "companies.profiles.v1");
    assertThat(records).extracting(r -> (Object) r.sourceOffset().get("line")).containsExactly(2L, 3L, 4L, 5L, 6L);
    assertThat(records).extracting(r -> (Object) r.sourceOffset().get("done")).containsExactly(false, false, false, false, true);
    assertThat(records).extracting(SourceRecord::key).containsExactly("00000001", "00000002", "", "not a number",
        "SC000005");
    CompanyProfileEvent last = (CompanyProfileEvent) context.encoded.get(context.encoded.size() - 1);
    assertThat(last.getCompanyStatus()).isEqualTo("liquidation");
    assertThat(last.getEvent().getTimepoint()).isEqualTo(77L);
  }

  @Test
  void aRestartedTaskGoesOnAfterTheLastCommittedLineAndSkipsFinishedFiles() throws Exception {
    Path zip = dir.resolve("BasicCompanyData-2026-11-01-part1_2.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("BasicCompanyData-2026-11-01-part1_2.csv"));
      out.write((HEADER + "\n" + String.join("\n", ROWS) + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    Files.writeString(dir.resolve("BasicCompanyData-2026-11-01-part0_2.csv"), HEADER + "\n" + ROWS.get(0) + "\n");
    FakeTaskContext context = new FakeTaskContext();
    context.commit(Map.of("file", "BasicCompanyData-2026-11-01-part0_2.csv"), Map.of("line", 2L, "done", true));
    context.commit(Map.of("file", zip.getFileName().toString()), Map.of("line", 3L, "done", false));
    List<SourceRecord> records = readAll(context);
    assertThat(records).extracting(r -> (Object) r.sourcePartition().get("file")).containsOnly(zip.getFileName().toString());
    assertThat(records).extracting(r -> (Object) r.sourceOffset().get("line")).containsExactly(4L, 5L, 6L);
  }
}
