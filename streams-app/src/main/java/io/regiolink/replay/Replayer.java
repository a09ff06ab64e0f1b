package io.regiolink.replay;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.TradingSites;
import io.regiolink.company.CompanyNumber;
import io.regiolink.company.RejectReason;
import io.regiolink.csv.CsvReader;
import io.regiolink.csv.CsvRow;
import io.regiolink.formats.BulkCompanyData;
import io.regiolink.formats.CompaniesHouseEvents;
import io.regiolink.formats.FormatException;
import io.regiolink.formats.InputFiles;
import io.regiolink.formats.LineProblem;
import io.regiolink.formats.SitesFiles;
import io.regiolink.topics.Topics;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Produces input files into the input topics: profiles as Companies House stream NDJSON or bulk
 * snapshot CSV (plain or zipped), sites as CSV or NDJSON. Bad lines are reported and skipped,
 * never fatal. Records are keyed by the normalised company number, so they land on their
 * company's partition.
 */
public final class Replayer implements AutoCloseable {
  private final InputProducer producer;
  private final Consumer<LineProblem> problems;
  private final Clock clock;

  /** Lines read, records sent and lines skipped, per file. */
  public record Summary(String file, long lines, long sent, long skipped) {
    @Override
    public String toString() {
      return String.format("%s: %,d sent, %,d skipped", file, sent, skipped);
    }
  }

  /** How far through a file: rows so far, and bytes of the file (as stored, so zipped bytes for a zip) read of its size. */
  public interface Progress {
    void at(long rows, long bytesRead, long fileBytes);
  }

  /** Sends through {@code producer}, which it closes when it is closed. */
  public Replayer(InputProducer producer, Consumer<LineProblem> problems, Clock clock) {
    this.producer = producer;
    this.problems = problems;
    this.clock = clock;
  }

  public Summary profiles(Path file) throws IOException {
    String source = "replay:" + file.getFileName();
    long lines = 0;
    long sent = 0;
    long skipped = 0;
    try (BufferedReader reader = InputFiles.utf8(file)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines++;
        if (line.isBlank()) {
          continue;
        }
        try {
          CompanyProfileEvent event = CompaniesHouseEvents.parse(line, source);
          send(Topics.PROFILES.name(), key(event.getCompanyNumber()), event);
          sent++;
        } catch (FormatException e) {
          problems.accept(new LineProblem(file.toString(), (int) lines, e.code(), e.getMessage(), line));
          skipped++;
        }
      }
    }
    flush();
    return new Summary(file.toString(), lines, sent, skipped);
  }

  /**
   * A Companies House BasicCompanyData snapshot (CSV, or the CSV in a zip): every row a profile
   * event of type {@code snapshot} at {@code publishedAt} with {@code timepoint}, mapped by
   * {@link BulkCompanyData#profile}, the function the bulk connector uses.
   */
  public Summary bulk(Path file, Instant publishedAt, long timepoint, Progress progress) throws IOException {
    String name = file.getFileName().toString();
    String source = "replay:" + name;
    long size = Files.size(file);
    long sent = 0;
    long skipped = 0;
    long rows = 0;
    try (CountingInputStream counted = new CountingInputStream(Files.newInputStream(file));
         Reader reader = new InputStreamReader(BulkCompanyData.csv(counted, name), StandardCharsets.UTF_8)) {
      CsvReader csv = new CsvReader(reader);
      if (!csv.hasNext()) {
        throw new IllegalArgumentException(file + " is empty; a BasicCompanyData CSV starts with its header line");
      }
      BulkCompanyData.Columns columns;
      try {
        columns = BulkCompanyData.columns(csv.next());
      } catch (FormatException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
      while (csv.hasNext()) {
        CsvRow row = csv.next();
        rows++;
        try {
          CompanyProfileEvent event = BulkCompanyData.profile(row, columns, timepoint, publishedAt, source);
          send(Topics.PROFILES.name(), key(event.getCompanyNumber()), event);
          sent++;
        } catch (FormatException e) {
          problems.accept(new LineProblem(file.toString(), row.line(), e.code(), e.getMessage(),
              String.join(",", row.fields())));
          skipped++;
        }
        progress.at(rows, counted.count, size);
      }
    }
    flush();
    progress.at(rows, size, size);
    return new Summary(file.toString(), rows, sent, skipped);
  }

  /** Bytes read so far, for the progress of a file whose rows are not known in advance. */
  private static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  public Summary sites(Path file) throws IOException {
    AtomicLong sent = new AtomicLong();
    AtomicLong skipped = new AtomicLong();
    SitesFiles.read(file, clock.instant(), "replay:" + file.getFileName(), (TradingSites list) -> {
      try {
        send(Topics.TRADING_SITES.name(), key(list.getCompanyNumber()), list);
        sent.incrementAndGet();
      } catch (FormatException e) {
        problems.accept(new LineProblem(file.toString(), 0, e.code(), e.getMessage(), list.getCompanyNumber()));
        skipped.incrementAndGet();
      }
    }, problem -> {
      problems.accept(problem);
      skipped.incrementAndGet();
    });
    flush();
    return new Summary(file.toString(), sent.get() + skipped.get(), sent.get(), skipped.get());
  }

  private static String key(String companyNumber) throws FormatException {
    return CompanyNumber.normalise(companyNumber).orElseThrow(() -> new FormatException(RejectReason.BAD_COMPANY_NUMBER,
        "company number '" + companyNumber + "' is not a company number (8 letters and digits after padding: 123 -> 00000123,"
            + " SC1234 -> SC001234)"));
  }

  private void send(String topic, String key, SpecificRecord value) {
    producer.send(topic, key, value);
  }

  private void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
