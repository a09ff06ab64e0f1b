package io.regiolink.company;

/** Why an input record is unusable; the code travels in RejectedRecord.reason_code. */
public enum RejectReason {
  /** The bytes are not an Avro record in the Confluent wire format. */
  BAD_BYTES,
  /** The record names a schema id the registry does not know. */
  UNKNOWN_SCHEMA_ID,
  /** The company number is missing or not a company number. */
  BAD_COMPANY_NUMBER,
  /** A line of an input file is not valid JSON, or lacks a field it needs. */
  MALFORMED_JSON,
  /** A row of an input CSV file is unusable. */
  BAD_CSV,
  /** The event time is more than 24 hours ahead of the wall clock. */
  FUTURE_EVENT,
  /** A null value (tombstone) on an input topic: deletions must be sent as versioned 'deleted' events. */
  TOMBSTONE
}
