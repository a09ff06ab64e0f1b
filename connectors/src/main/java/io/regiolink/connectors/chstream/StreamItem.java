package io.regiolink.connectors.chstream;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.formats.FormatException;

/** What the stream reader hands the task, in stream order. */
public sealed interface StreamItem {
  /** A usable event. */
  record Event(String line, CompanyProfileEvent profile) implements StreamItem {}

  /** A line that is not a usable event; it goes to the rejected topic with the line kept. */
  record Malformed(String line, FormatException problem, long afterTimepoint) implements StreamItem {}

  /** The stream cannot go on without a person: the task fails with this message. */
  record Fatal(String message) implements StreamItem {}
}
