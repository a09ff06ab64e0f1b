package io.regiolink.connectors.chstream;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.company.CompanyNumber;
import io.regiolink.company.RejectReason;
import io.regiolink.connectors.RegiolinkSourceTask;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link StreamReader} on a thread of its own and turns what it queues into records: events
 * to the profiles topic keyed by the normalised company number, unusable lines to the rejected
 * topic. The source offset is the last event's timepoint, so a restarted task resumes after it
 * (at least once: Connect commits offsets after the records are written).
 */
public final class CompaniesHouseStreamSourceTask extends RegiolinkSourceTask<StreamConnectorConfig> {
  private static final Logger LOG = LoggerFactory.getLogger(CompaniesHouseStreamSourceTask.class);
  static final Map<String, String> SOURCE_PARTITION = Map.of("stream", "companies");
  static final String TIMEPOINT = "timepoint";

  private StreamConnectorConfig config;
  private BlockingQueue<StreamItem> queue;
  private StreamReader reader;
  private Thread thread;
  private String topic;
  private long lastTimepoint = -1;

  public CompaniesHouseStreamSourceTask() {
    super(fromSettings());
  }

  @Override
  public void start(Map<String, String> props) {
    config = new StreamConnectorConfig(props);
    topic = config.getString(StreamConnectorConfig.TOPIC);
    startRecords(config);
    OptionalLong resumeAfter = committedTimepoint();
    if (resumeAfter.isPresent()) {
      LOG.info("Resuming the Companies House stream after timepoint {}", resumeAfter.getAsLong());
    } else if (config.getLong(StreamConnectorConfig.START_TIMEPOINT) >= 0) {
      resumeAfter = OptionalLong.of(config.getLong(StreamConnectorConfig.START_TIMEPOINT) - 1);
      LOG.info("Starting the Companies House stream at timepoint {}", resumeAfter.getAsLong() + 1);
    } else {
      LOG.info("Starting the Companies House stream from now (no offset yet, no ch.stream.start.timepoint)");
    }
    lastTimepoint = resumeAfter.orElse(-1);
    queue = new ArrayBlockingQueue<>(10_000);
    reader = new StreamReader(config.streamSettings(), resumeAfter, queue, d -> Thread.sleep(d.toMillis()), new SecureRandom());
    thread = new Thread(reader, "regiolink-ch-stream");
    thread.setDaemon(true);
    thread.start();
  }

  private OptionalLong committedTimepoint() {
    Map<String, Object> offset = context.offsetStorageReader().offset(SOURCE_PARTITION);
    Object timepoint = offset == null ? null : offset.get(TIMEPOINT);
    return timepoint instanceof Number n && n.longValue() >= 0 ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    StreamItem first = queue.poll(1, TimeUnit.SECONDS);
    if (first == null) {
      return null;
    }
    List<StreamItem> items = new ArrayList<>();
    items.add(first);
    queue.drainTo(items, config.getInt(StreamConnectorConfig.BATCH_MAX) - 1);
    List<SourceRecord> records = new ArrayList<>(items.size());
    for (StreamItem item : items) {
      if (item instanceof StreamItem.Fatal fatal) {
        if (!records.isEmpty()) {
          // Deliver what came before; the failure is raised on the next poll.
          queue.clear();
          queue.add(fatal);
          return records;
        }
        throw new ConnectException(fatal.message());
      }
      records.add(toRecord(item));
    }
    return records;
  }

  private SourceRecord toRecord(StreamItem item) {
    if (item instanceof StreamItem.Event event) {
      CompanyProfileEvent profile = event.profile();
      lastTimepoint = profile.getEvent().getTimepoint();
      Optional<String> number = CompanyNumber.normalise(profile.getCompanyNumber());
      if (number.isEmpty()) {
        return rejected(RejectReason.BAD_COMPANY_NUMBER.name(), "company number '" + profile.getCompanyNumber()
            + "' is not a company number", profile.getCompanyNumber(), event.line());
      }
      return records().value(SOURCE_PARTITION, Map.of(TIMEPOINT, lastTimepoint), topic, number.get(), profile,
          profile.getEvent().getPublishedAt().toEpochMilli());
    }
    StreamItem.Malformed bad = (StreamItem.Malformed) item;
    return rejected(bad.problem().code().name(), bad.problem().getMessage(), null, bad.line());
  }

  private SourceRecord rejected(String code, String reason, String key, String line) {
    return records().rejected(SOURCE_PARTITION, Map.of(TIMEPOINT, lastTimepoint),
        "connector:companies-house-stream:after-timepoint-" + lastTimepoint, code, reason, key, line);
  }

  @Override
  public void stop() {
    if (reader != null) {
      reader.stop();
      thread.interrupt();
    }
    closeRecords();
  }
}
