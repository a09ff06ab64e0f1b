package io.regiolink.formats;

import io.regiolink.avro.Address;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventEnvelope;
import io.regiolink.avro.EventType;
import io.regiolink.company.CompanyStatus;
import io.regiolink.company.RejectReason;
import io.regiolink.csv.CsvHeader;
import io.regiolink.csv.CsvRow;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Rows of the Companies House bulk snapshot (BasicCompanyData CSV) as profile events of type
 * {@code snapshot}: header names trimmed (some carry a stray leading space), status labels mapped
 * to the API's values, {@code DD/MM/YYYY} dates, SIC codes taken from "62012 - description". The
 * snapshot's timepoint and date travel on every event, so the stream can take over where the
 * snapshot ends (latest wins by timepoint).
 */
public final class BulkCompanyData {
  private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final List<String> REQUIRED = List.of("CompanyName", "CompanyNumber", "CompanyStatus",
      "RegAddress.PostCode", "SICCode.SicText_1");

  private static final Pattern DATE_IN_NAME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

  private BulkCompanyData() {}

  /**
   * The CSV bytes of a snapshot file: the file itself, or the one CSV inside a zip (Companies House
   * publishes {@code BasicCompanyData-2026-11-01-part1_7.zip}, each holding one CSV).
   */
  public static InputStream csv(InputStream file, String fileName) throws IOException {
    if (!fileName.toLowerCase(Locale.ROOT).endsWith(".zip")) {
      return file;
    }
    ZipInputStream zip = new ZipInputStream(file);
    for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
      if (entry.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
        return zip;
      }
    }
    zip.close();
    throw new IOException("no .csv inside " + fileName);
  }

  /** The snapshot date in a Companies House file name ({@code BasicCompanyData-2026-11-01-part1_7.zip}), if any. */
  public static Optional<LocalDate> dateInName(String fileName) {
    Matcher m = DATE_IN_NAME.matcher(fileName);
    while (m.find()) {
      try {
        return Optional.of(LocalDate.parse(m.group(1)));
      } catch (DateTimeParseException e) {
        // 2026-13-45 is not a date; look further along the name
      }
    }
    return Optional.empty();
  }

  /** The event time of every row of a snapshot taken on that day: its start, UTC. */
  public static Instant publishedAt(LocalDate snapshotDate) {
    return snapshotDate.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Where each column is: the file's header, checked to have every column the mapping needs. */
  public record Columns(CsvHeader header) {
    String get(CsvRow row, String name) {
      return header.field(row, name);
    }
  }

  public static Columns columns(CsvRow header) throws FormatException {
    CsvHeader columns = CsvHeader.of(header);
    Optional<String> missing = columns.firstMissing(REQUIRED);
    if (missing.isPresent()) {
      throw new FormatException(RejectReason.BAD_CSV, "the header lacks column '" + missing.get()
          + "'; is this a BasicCompanyData CSV of Companies House?");
    }
    return new Columns(columns);
  }

  public static CompanyProfileEvent profile(CsvRow row, Columns columns, long timepoint, Instant publishedAt,
      String source) throws FormatException {
    if (row.syntaxProblem().isPresent()) {
      throw new FormatException(RejectReason.BAD_CSV, row.problem());
    }
    if (row.fields().size() < columns.header().size()) {
      throw new FormatException(RejectReason.BAD_CSV, "the row has " + row.fields().size() + " fields, the header "
          + columns.header().size());
    }
    String number = columns.get(row, "CompanyNumber");
    if (number.isEmpty()) {
      throw new FormatException(RejectReason.BAD_COMPANY_NUMBER, "empty CompanyNumber");
    }
    List<String> sic = new ArrayList<>();
    for (int n = 1; n <= 4; n++) {
      String text = columns.get(row, "SICCode.SicText_" + n);
      if (text.length() >= 5 && text.substring(0, 5).chars().allMatch(Character::isDigit)) {
        sic.add(text.substring(0, 5));
      }
    }
    return CompanyProfileEvent.newBuilder()
        .setCompanyNumber(number)
        .setCompanyName(blankToNull(columns.get(row, "CompanyName")))
        .setCompanyStatus(CompanyStatus.fromBulkLabel(blankToNull(columns.get(row, "CompanyStatus"))))
        .setCompanyType(blankToNull(columns.get(row, "CompanyCategory")))
        .setDateOfCreation(date(columns.get(row, "IncorporationDate"), "IncorporationDate"))
        .setDateOfCessation(date(columns.get(row, "DissolutionDate"), "DissolutionDate"))
        .setSicCodes(sic)
        .setRegisteredOfficeAddress(Address.newBuilder()
            .setCareOf(blankToNull(columns.get(row, "RegAddress.CareOf")))
            .setPoBox(blankToNull(columns.get(row, "RegAddress.POBox")))
            .setAddressLine1(blankToNull(columns.get(row, "RegAddress.AddressLine1")))
            .setAddressLine2(blankToNull(columns.get(row, "RegAddress.AddressLine2")))
            .setLocality(blankToNull(columns.get(row, "RegAddress.PostTown")))
            .setRegion(blankToNull(columns.get(row, "RegAddress.County")))
            .setCountry(blankToNull(columns.get(row, "RegAddress.Country")))
            .setPostalCode(blankToNull(columns.get(row, "RegAddress.PostCode")))
            .build())
        .setEvent(EventEnvelope.newBuilder().setTimepoint(timepoint).setPublishedAt(publishedAt)
            .setType(EventType.snapshot).setSource(source).build())
        .build();
  }

  private static LocalDate date(String text, String column) throws FormatException {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(text, DAY_MONTH_YEAR);
    } catch (DateTimeParseException e) {
      throw new FormatException(RejectReason.BAD_CSV, column + " '" + text + "' is not DD/MM/YYYY");
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
