package io.regiolink.links;

import io.regiolink.avro.RejectedRecord;
import io.regiolink.avro.internal.CompanyUpdate;

/**
 * What the input gate decided about one record; lives only between the gate and the split that
 * follows it, never on a topic.
 *
 * @param rekeyed the record's key was not already the normalised company number, so it may sit
 *     on another partition than its company's state and must be repartitioned
 */
record Gated(CompanyUpdate update, RejectedRecord rejected, boolean rekeyed) {
  static Gated accepted(CompanyUpdate update, boolean rekeyed) {
    return new Gated(update, null, rekeyed);
  }

  static Gated rejected(RejectedRecord rejected) {
    return new Gated(null, rejected, false);
  }
}
