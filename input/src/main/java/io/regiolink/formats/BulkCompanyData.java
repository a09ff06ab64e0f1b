package io.regiolink.formats;

import io.regiolink.avro.Address;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventEnvelope;
import io.regiolink.avro.EventType;
import io.regiolink.company.CompanyStatus;
import io.regiolink.company.RejectReason;
import io.regiolink.csv.CsvRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

  private BulkCompanyData() {}

  /** Where each (trimmed) column is. */
  public record Columns(Map<String, Integer> index) {
    String get(CsvRow row, String name) {
      Integer i = index.get(name);
      return i == null ? "" : row.field(i).trim();
    }
  }

  public static Columns columns(CsvRow header) throws FormatException {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      index.put(header.fields().get(i).replace("\uFEFF", "").trim(), i);
    }
    for (String name : REQUIRED) {
      if (!index.containsKey(name)) {
        throw new FormatException(RejectReason.BAD_CSV, "the header lacks column '" + name
            + "'; is this a BasicCompanyData CSV of Companies House?");
      }
    }
    return new Columns(index);
  }

  public static CompanyProfileEvent profile(CsvRow row, Columns columns, long timepoint, Instant publishedAt,
      String source) throws FormatException {
    if (row.syntaxProblem().isPresent()) {
      throw new FormatException(RejectReason.BAD_CSV, row.problem());
    }
    if (row.fields().size() < columns.index().size()) {
      throw new FormatException(RejectReason.BAD_CSV, "the row has " + row.fields().size() + " fields, the header "
          + columns.index().size());
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
