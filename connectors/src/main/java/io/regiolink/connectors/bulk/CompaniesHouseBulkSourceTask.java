package io.regiolink.connectors.bulk;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.company.CompanyNumber;
import io.regiolink.company.RejectReason;
import io.regiolink.connectors.RegiolinkSourceTask;
import io.regiolink.connectors.encoding.RecordMaker;
import io.regiolink.csv.CsvReader;
import io.regiolink.csv.CsvRow;
import io.regiolink.formats.BulkCompanyData;
import io.regiolink.formats.FormatException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the snapshot files in name order, row by row (a 2 GB file is never held in memory). The
 * source offset is the row's line in its file, so a restarted task skips what it wrote; a file
 * whose last row was written is marked done in its offset and not opened again. Progress is
 * logged every progress.rows rows with the rate.
 */
public final class CompaniesHouseBulkSourceTask extends RegiolinkSourceTask<BulkConnectorConfig> {
  private static final Logger LOG = LoggerFactory.getLogger(CompaniesHouseBulkSourceTask.class);
  static final String FILE = "file";
  static final String LINE = "line";
  static final String DONE = "done";

  private BulkConnectorConfig config;
  private Path dir;
  private String topic;
  private long timepoint;
  private Instant publishedAt;
  private Open current;
  // Files this task finished: their "done" offset may not be committed yet.
  private final Set<String> finished = new HashSet<>();

  /** The file being read: its reader, columns, where to resume, and progress figures. */
  private record Open(String name, Reader reader, CsvReader csv, BulkCompanyData.Columns columns, long skipThrough,
      long startedNanos, Counts counts) {}

  /** Rows read and rows rejected of the file being read. */
  private static final class Counts {
    long rows;
    long rejected;
  }

  public CompaniesHouseBulkSourceTask() {
    this(fromSettings());
  }

  /** For tests of the file and offset handling: records made without a registry. */
  CompaniesHouseBulkSourceTask(Function<BulkConnectorConfig, RecordMaker> recordMaker) {
    super(recordMaker);
  }

  @Override
  public void start(Map<String, String> props) {
    config = new BulkConnectorConfig(props);
    dir = Path.of(config.getString(BulkConnectorConfig.DIR));
    if (!Files.isDirectory(dir)) {
      throw new ConnectException("bulk.dir " + dir.toAbsolutePath() + " is not a directory; fix the setting");
    }
    topic = config.getString(BulkConnectorConfig.TOPIC);
    timepoint = config.getLong(BulkConnectorConfig.TIMEPOINT);
    publishedAt = instant(config.getString(BulkConnectorConfig.PUBLISHED_AT));
    startRecords(config);
  }

  private static Instant instant(String text) {
    try {
      return text.length() == 10 ? BulkCompanyData.publishedAt(LocalDate.parse(text)) : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ConnectException("bulk.published.at '" + text + "' is not a date (2026-11-01) or an instant"
          + " (2026-11-01T00:00:00Z)");
    }
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    if (current == null) {
      Optional<Path> next = nextFile();
      if (next.isEmpty()) {
        Thread.sleep(2000);
        return null;
      }
      current = open(next.get());
      if (current == null) {
        return null;
      }
    }
    List<SourceRecord> out = new ArrayList<>();
    int max = config.getInt(BulkConnectorConfig.BATCH_MAX);
    String source = "companies-house-bulk:" + current.name();
    Map<String, String> partition = Map.of(FILE, current.name());
    while (out.size() < max && current.csv().hasNext()) {
      CsvRow row = current.csv().next();
      if (row.line() <= current.skipThrough()) {
        continue;
      }
      boolean last = !current.csv().hasNext();
      Map<String, Object> offset = Map.of(LINE, (long) row.line(), DONE, last);
      current.counts().rows++;
      try {
        CompanyProfileEvent event = BulkCompanyData.profile(row, current.columns(), timepoint, publishedAt, source);
        Optional<String> number = CompanyNumber.normalise(event.getCompanyNumber());
        if (number.isPresent()) {
          out.add(records().value(partition, offset, topic, number.get(), event, publishedAt.toEpochMilli()));
        } else {
          current.counts().rejected++;
          out.add(records().rejected(partition, offset, "connector:" + current.name() + ":" + row.line(),
              RejectReason.BAD_COMPANY_NUMBER.name(), "CompanyNumber '" + event.getCompanyNumber()
                  + "' is not a company number", event.getCompanyNumber(), String.join(",", row.fields())));
        }
      } catch (FormatException e) {
        current.counts().rejected++;
        out.add(records().rejected(partition, offset, "connector:" + current.name() + ":" + row.line(), e.code().name(),
            e.getMessage(), null, String.join(",", row.fields())));
      }
      if (current.counts().rows % config.getLong(BulkConnectorConfig.PROGRESS_ROWS) == 0) {
        progress();
      }
    }
    if (!current.csv().hasNext()) {
      progress();
      LOG.info("{} done", current.name());
      finished.add(current.name());
      close(current);
      current = null;
    }
    return out.isEmpty() ? null : out;
  }

  private void progress() {
    double seconds = Math.max(1e-3, (System.nanoTime() - current.startedNanos()) / 1e9);
    LOG.info("{}: {} rows read ({} rows/s), {} rejected", current.name(), String.format("%,d", current.counts().rows),
        String.format("%,.0f", current.counts().rows / seconds), current.counts().rejected);
  }

  private Optional<Path> nextFile() {
    String prefix = config.getString(BulkConnectorConfig.PREFIX).toLowerCase(Locale.ROOT);
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> {
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.startsWith(prefix) && (name.endsWith(".csv") || name.endsWith(".zip"));
          })
          .filter(p -> !done(p.getFileName().toString()))
          .sorted()
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }

  private boolean done(String name) {
    if (finished.contains(name)) {
      return true;
    }
    Map<String, Object> offset = context.offsetStorageReader().offset(Map.of(FILE, name));
    return offset != null && Boolean.TRUE.equals(offset.get(DONE));
  }

  private Open open(Path file) {
    String name = file.getFileName().toString();
    Map<String, Object> offset = context.offsetStorageReader().offset(Map.of(FILE, name));
    long skipThrough = offset == null ? 0 : ((Number) offset.get(LINE)).longValue();
    try {
      Reader reader = new InputStreamReader(BulkCompanyData.csv(Files.newInputStream(file), name), StandardCharsets.UTF_8);
      CsvReader csv = new CsvReader(reader);
      if (!csv.hasNext()) {
        reader.close();
        throw new ConnectException(file + " is empty; a BasicCompanyData CSV starts with its header line");
      }
      BulkCompanyData.Columns columns = BulkCompanyData.columns(csv.next());
      LOG.info("Reading {}{}", name, skipThrough > 0 ? " from line " + (skipThrough + 1) : "");
      return new Open(name, reader, csv, columns, skipThrough, System.nanoTime(), new Counts());
    } catch (FormatException e) {
      throw new ConnectException(file + ": " + e.getMessage());
    } catch (IOException e) {
      throw new ConnectException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void close(Open open) {
    try {
      open.reader().close();
    } catch (IOException ignored) {
      // reading is over
    }
  }

  @Override
  public void stop() {
    if (current != null) {
      close(current);
    }
    closeRecords();
  }
}
