package io.regiolink.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.regiolink.avro.Address;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventEnvelope;
import io.regiolink.avro.EventType;
import io.regiolink.company.RejectReason;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one line of the Companies House {@code companies} stream (NDJSON): the envelope
 * ({@code resource_id}, {@code event.timepoint}, {@code event.published_at}, {@code event.type})
 * around the full company profile in {@code data}.
 */
public final class CompaniesHouseEvents {
  /** The stream's published_at has no zone; Companies House is in London. */
  public static final ZoneId LONDON = ZoneId.of("Europe/London");

  private CompaniesHouseEvents() {}

  public static CompanyProfileEvent parse(String line, String source) throws FormatException {
    JsonNode root = Json.object(line);
    JsonNode data = root.path("data");
    JsonNode event = root.path("event");
    String number = text(data, "company_number");
    if (number == null) {
      number = text(root, "resource_id");
    }
    if (number == null) {
      throw new FormatException(RejectReason.BAD_COMPANY_NUMBER, "no company number (data.company_number or resource_id)");
    }
    if (!event.isObject()) {
      throw new FormatException(RejectReason.MALFORMED_JSON, "no 'event' object (timepoint, published_at, type)");
    }
    String published = text(event, "published_at");
    if (published == null) {
      throw new FormatException(RejectReason.MALFORMED_JSON, "no event.published_at");
    }
    Instant publishedAt = instant(published, "event.published_at");
    JsonNode timepoint = event.path("timepoint");
    if (!timepoint.canConvertToLong() && !(timepoint.isTextual() && timepoint.asText().matches("\\d+"))) {
      throw new FormatException(RejectReason.MALFORMED_JSON, "event.timepoint is missing or not a whole number");
    }
    EventType type = switch (String.valueOf(text(event, "type")).toLowerCase(Locale.ROOT)) {
      case "deleted" -> EventType.deleted;
      case "snapshot" -> EventType.snapshot;
      case "changed", "null" -> EventType.changed;
      default -> throw new FormatException(RejectReason.MALFORMED_JSON,
          "event.type '" + text(event, "type") + "' is not changed or deleted");
    };
    JsonNode office = data.path("registered_office_address");
    return CompanyProfileEvent.newBuilder()
        .setCompanyNumber(number)
        .setCompanyName(text(data, "company_name"))
        .setCompanyStatus(text(data, "company_status"))
        .setCompanyStatusDetail(text(data, "company_status_detail"))
        .setCompanyType(text(data, "type"))
        .setJurisdiction(text(data, "jurisdiction"))
        .setDateOfCreation(date(text(data, "date_of_creation")))
        .setDateOfCessation(date(text(data, "date_of_cessation")))
        .setSicCodes(strings(data.path("sic_codes")))
        .setRegisteredOfficeAddress(office.isObject() ? Address.newBuilder()
            .setCareOf(text(office, "care_of"))
            .setPoBox(text(office, "po_box"))
            .setPremises(text(office, "premises"))
            .setAddressLine1(text(office, "address_line_1"))
            .setAddressLine2(text(office, "address_line_2"))
            .setLocality(text(office, "locality"))
            .setRegion(text(office, "region"))
            .setPostalCode(text(office, "postal_code"))
            .setCountry(text(office, "country"))
            .build() : null)
        .setEvent(EventEnvelope.newBuilder()
            .setTimepoint(timepoint.asLong())
            .setPublishedAt(publishedAt)
            .setType(type)
            .setFieldsChanged(strings(event.path("fields_changed")))
            .setSource(source)
            .build())
        .build();
  }

  /** ISO-8601, leniently: with a zone or offset as given, without one as London time. */
  static Instant instant(String text, String field) throws FormatException {
    try {
      if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        return OffsetDateTime.parse(text).toInstant();
      }
      return LocalDateTime.parse(text).atZone(LONDON).toInstant();
    } catch (DateTimeParseException e) {
      throw new FormatException(RejectReason.MALFORMED_JSON, field + " '" + text + "' is not an ISO-8601 date-time");
    }
  }

  private static LocalDate date(String text) throws FormatException {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new FormatException(RejectReason.MALFORMED_JSON, "date '" + text + "' is not YYYY-MM-DD");
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    String text = value.asText();
    return text.isBlank() ? null : text;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array.isArray()) {
      array.forEach(v -> {
        if (!v.isNull() && !v.asText().isBlank()) {
          values.add(v.asText().trim());
        }
      });
    }
    return values;
  }
}
