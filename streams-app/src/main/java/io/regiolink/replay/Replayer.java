package io.regiolink.replay;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.TradingSites;
import io.regiolink.company.CompanyNumber;
import io.regiolink.company.RejectReason;
import io.regiolink.config.RegiolinkConfig;
import io.regiolink.formats.CompaniesHouseEvents;
import io.regiolink.formats.FormatException;
import io.regiolink.formats.LineProblem;
import io.regiolink.formats.SitesFiles;
import io.regiolink.topics.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Produces input files into the input topics: profiles as Companies House stream NDJSON, sites as
 * CSV or NDJSON. Bad lines are reported and skipped, never fatal. Records are keyed by the
 * normalised company number, so they land on their company's partition.
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

  public Replayer(RegiolinkConfig config, Consumer<LineProblem> problems, Clock clock) {
    this.producer = new InputProducer(config);
    this.problems = problems;
    this.clock = clock;
  }

  public Summary profiles(Path file) throws IOException {
    String source = "replay:" + file.getFileName();
    long lines = 0;
    long sent = 0;
    long skipped = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
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
        "company number '" + companyNumber + "' is not 8 digits, or 2 letters and up to 6 digits"));
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
