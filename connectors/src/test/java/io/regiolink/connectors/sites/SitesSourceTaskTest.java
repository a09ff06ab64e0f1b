package io.regiolink.connectors.sites;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.avro.TradingSites;
import io.regiolink.connectors.FakeTaskContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sites task's files and offsets: whole lists, rejected rows, moving aside, a restart mid-file. */
class SitesSourceTaskTest {
  @TempDir Path dir;

  private TradingSitesSourceTask start(FakeTaskContext context) {
    TradingSitesSourceTask task = new TradingSitesSourceTask(c -> context.recordMaker());
    task.initialize(context);
    task.start(Map.of("sites.dir", dir.toString(), "registry.url", "http://unused", "sites.min.age.ms", "0",
        "sites.poll.interval.ms", "10"));
    return task;
  }

  private Path file() throws Exception {
    Path file = dir.resolve("a.csv");
    Files.writeString(file, String.join("\n", "company_number,site_id,postal_code", "1,s1,LS1 4AP", "1,s2,M1 1AE",
        ",s3,B1 1BB", "SC2,s1,EH1 1AA", "3,,") + "\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(10)));
    return file;
  }

  @Test
  void eachCompanysListIsOneRecordAndTheFileMovesAsideOnceAllAreAcknowledged() throws Exception {
    Path file = file();
    FakeTaskContext context = new FakeTaskContext();
    TradingSitesSourceTask task = start(context);
    List<SourceRecord> records = task.poll();
    assertThat(records).extracting(SourceRecord::topic).containsExactly("regiolink.rejected.v1",
        "companies.trading-sites.v1", "companies.trading-sites.v1", "companies.trading-sites.v1");
    assertThat(records).extracting(SourceRecord::key).containsExactly("", "00000001", "SC000002", "00000003");
    assertThat(records).extracting(r -> (Object) r.sourceOffset().get("index")).containsExactly(0L, 1L, 2L, 3L);
    TradingSites first = (TradingSites) context.encoded.get(1);
    assertThat(first.getSites()).hasSize(2);
    assertThat(((TradingSites) context.encoded.get(3)).getSites()).as("a row with no site: no sites").isEmpty();
    assertThat(task.poll()).as("nothing while the file's records are unacknowledged").isNull();
    records.forEach(r -> task.commitRecord(r, null));
    assertThat(task.poll()).as("the acknowledged file is not read again").isNull();
    assertThat(file).doesNotExist();
    assertThat(dir.resolve("done/a.csv")).exists();
    assertThat(context.encoded).as("each record encoded once, none again").hasSize(4);
    task.stop();
  }

  @Test
  void aRestartedTaskSendsOnlyTheRestWithTheSameReadTime() throws Exception {
    file();
    FakeTaskContext context = new FakeTaskContext();
    long readAt = Instant.parse("2026-11-28T09:00:00Z").toEpochMilli();
    context.commit(Map.of("file", "a.csv"), Map.of("index", 1L, "read_at", readAt));
    TradingSitesSourceTask task = start(context);
    List<SourceRecord> records = task.poll();
    assertThat(records).extracting(r -> (Object) r.sourceOffset().get("index")).containsExactly(2L, 3L);
    assertThat(context.encoded).extracting(v -> ((TradingSites) v).getAsOf().toEpochMilli()).containsOnly(readAt);
    task.stop();
  }
}
