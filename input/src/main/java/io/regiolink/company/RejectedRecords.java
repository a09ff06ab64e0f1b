package io.regiolink.company;

import io.regiolink.avro.RejectedRecord;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

/**
 * How every rejection is written for {@code regiolink.rejected.v1}, by the app and by the
 * connectors alike.
 *
 * <p>Why bounded: a rejected record carries the input's bytes and a reason that may quote them, so
 * a record of 1 MB (the clients' default largest) became one of 2 MB, which the producer refused:
 * the app's stream thread failed on it, was replaced, read it again, and counting stopped for good.
 * The raw value is kept up to {@link #MAX_RAW_VALUE} bytes (the reason then says how many there
 * were), the raw key up to {@link #MAX_RAW_KEY} bytes, the reason and the record's key up to
 * {@link #MAX_TEXT} characters: a rejection always fits under the clients' 1 MiB.
 */
public final class RejectedRecords {
  public static final int MAX_RAW_VALUE = 900 * 1024;
  public static final int MAX_RAW_KEY = 16 * 1024;
  public static final int MAX_TEXT = 2000;

  private RejectedRecords() {}

  public static RejectedRecord of(String origin, String code, String reason, byte[] rawKey, byte[] rawValue,
      Instant rejectedAt) {
    String why = shortened(reason);
    byte[] value = rawValue;
    if (value != null && value.length > MAX_RAW_VALUE) {
      why = why + " (raw_value holds the first " + MAX_RAW_VALUE + " of its " + value.length + " bytes)";
      value = Arrays.copyOf(value, MAX_RAW_VALUE);
    }
    byte[] key = rawKey == null ? null : Arrays.copyOf(rawKey, Math.min(rawKey.length, MAX_RAW_KEY));
    return RejectedRecord.newBuilder()
        .setOrigin(shortened(origin))
        .setReasonCode(code)
        .setReason(why)
        .setRawKey(key == null ? null : ByteBuffer.wrap(key))
        .setRawValue(value == null ? null : ByteBuffer.wrap(value))
        .setRejectedAt(rejectedAt)
        .build();
  }

  /** At most {@link #MAX_TEXT} characters, saying how long it was when cut. */
  public static String shortened(String text) {
    return text.length() <= MAX_TEXT ? text
        : text.substring(0, MAX_TEXT) + "... (" + text.length() + " characters in all)";
  }
}
