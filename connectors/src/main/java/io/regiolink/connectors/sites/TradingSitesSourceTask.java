package io.regiolink.connectors.sites;

import io.regiolink.avro.TradingSites;
import io.regiolink.company.CompanyNumber;
import io.regiolink.company.RejectReason;
import io.regiolink.connectors.RegiolinkSourceTask;
import io.regiolink.connectors.encoding.RecordMaker;
import io.regiolink.formats.LineProblem;
import io.regiolink.formats.SitesFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the oldest-named finished file, reads it whole (a file's rows for one company are that
 * company's whole list), and emits one record per list and one rejected record per unusable
 * row. The source offset is the record's index in the file, with the moment the file was first
 * read (the as_of of CSV rows without one), so a restart skips what was written and gives the rest
 * the same as_of. A file moves to the done directory at the first poll after Kafka has acknowledged
 * all its records.
 */
public final class TradingSitesSourceTask extends RegiolinkSourceTask<SitesConnectorConfig> {
  private static final Logger LOG = LoggerFactory.getLogger(TradingSitesSourceTask.class);
  static final String FILE = "file";
  static final String INDEX = "index";
  static final String READ_AT = "read_at";

  private SitesConnectorConfig config;
  private Path dir;
  private Path doneDir;
  private String topic;
  // Acknowledgements arrive on the producer's thread.
  private final Map<String, Integer> unacknowledged = new ConcurrentHashMap<>();

  public TradingSitesSourceTask() {
    this(fromSettings());
  }

  /** For tests of the file and offset handling: records made without a registry. */
  TradingSitesSourceTask(Function<SitesConnectorConfig, RecordMaker> recordMaker) {
    super(recordMaker);
  }

  @Override
  public void start(Map<String, String> props) {
    config = new SitesConnectorConfig(props);
    dir = Path.of(config.getString(SitesConnectorConfig.DIR));
    String done = config.getString(SitesConnectorConfig.DONE_DIR);
    doneDir = done.isBlank() ? dir.resolve("done") : Path.of(done);
    if (!Files.isDirectory(dir)) {
      throw new ConnectException("sites.dir " + dir.toAbsolutePath() + " is not a directory; create it or fix the setting");
    }
    try {
      Files.createDirectories(doneDir);
    } catch (IOException e) {
      throw new ConnectException("Cannot create " + doneDir.toAbsolutePath() + " (sites.done.dir): " + e.getMessage(), e);
    }
    topic = config.getString(SitesConnectorConfig.TOPIC);
    startRecords(config);
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    if (!finishAcknowledgedFiles()) {
      Thread.sleep(100); // the previous file is still being written to Kafka
      return null;
    }
    Optional<Path> next = nextFile();
    if (next.isEmpty()) {
      Thread.sleep(config.getLong(SitesConnectorConfig.POLL_INTERVAL_MS));
      return null;
    }
    return read(next.get());
  }

  /**
   * Moves aside each file whose records are all acknowledged, and says whether none is left
   * unacknowledged. Files move here, on the task's thread, and not in {@link #commitRecord} on the
   * producer's: there, a poll between the last acknowledgement and the move listed the file again
   * and, its offsets not yet flushed, sent all its records a second time.
   */
  private boolean finishAcknowledgedFiles() {
    for (Map.Entry<String, Integer> file : unacknowledged.entrySet()) {
      if (file.getValue() == 0) {
        moveAside(dir.resolve(file.getKey()));
        unacknowledged.remove(file.getKey());
      }
    }
    return unacknowledged.isEmpty();
  }

  private Optional<Path> nextFile() {
    long minAge = config.getLong(SitesConnectorConfig.MIN_AGE_MS);
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> {
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".csv") || name.endsWith(".ndjson");
          })
          .filter(p -> age(p) >= minAge)
          .sorted()
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }

  private static long age(Path file) {
    try {
      return System.currentTimeMillis() - Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return -1;
    }
  }

  private List<SourceRecord> read(Path file) {
    String name = file.getFileName().toString();
    Map<String, String> partition = Map.of(FILE, name);
    Map<String, Object> committed = context.offsetStorageReader().offset(partition);
    long skipThrough = committed == null ? -1 : ((Number) committed.get(INDEX)).longValue();
    Instant readAt = committed == null ? Instant.now() : Instant.ofEpochMilli(((Number) committed.get(READ_AT)).longValue());
    List<TradingSites> lists = new ArrayList<>();
    List<LineProblem> problems = new ArrayList<>();
    try {
      SitesFiles.read(file, readAt, "sites-connector:" + name, lists::add, problems::add);
    } catch (IOException e) {
      throw new ConnectException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
    List<SourceRecord> out = new ArrayList<>();
    long index = 0;
    for (LineProblem problem : problems) {
      if (index > skipThrough) {
        out.add(records().rejected(partition, offset(index, readAt), "connector:" + name + ":" + problem.line(),
            problem.code().name(), problem.reason(), null, problem.text()));
      }
      index++;
    }
    for (TradingSites list : lists) {
      if (index > skipThrough) {
        Map<String, Object> offset = offset(index, readAt);
        out.add(CompanyNumber.normalise(list.getCompanyNumber())
            .map(number -> records().value(partition, offset, topic, number, list, list.getAsOf().toEpochMilli()))
            .orElseGet(() -> records().rejected(partition, offset, "connector:" + name,
                RejectReason.BAD_COMPANY_NUMBER.name(), "company number '" + list.getCompanyNumber()
                    + "' is not a company number", list.getCompanyNumber(), list.toString())));
      }
      index++;
    }
    LOG.info("{}: {} site lists, {} unusable rows{}", name, lists.size(), problems.size(),
        skipThrough >= 0 ? " (resuming after record " + skipThrough + ")" : "");
    if (out.isEmpty()) {
      moveAside(file);
      return null;
    }
    unacknowledged.put(name, out.size());
    return out;
  }

  private static Map<String, Object> offset(long index, Instant readAt) {
    return Map.of(INDEX, index, READ_AT, readAt.toEpochMilli());
  }

  @Override
  public void commitRecord(SourceRecord record, RecordMetadata metadata) {
    unacknowledged.computeIfPresent((String) record.sourcePartition().get(FILE), (name, count) -> count - 1);
  }

  private void moveAside(Path file) {
    try {
      Files.move(file, doneDir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      LOG.info("{} done: moved to {}", file.getFileName(), doneDir);
    } catch (IOException e) {
      throw new ConnectException("Cannot move " + file + " to " + doneDir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void stop() {
    closeRecords();
  }
}
