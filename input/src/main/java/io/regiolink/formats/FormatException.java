package io.regiolink.formats;

import io.regiolink.company.RejectReason;

/** An input line or row that cannot be used; the reason says what is wrong with it. */
public final class FormatException extends Exception {
  private final RejectReason code;

  public FormatException(RejectReason code, String reason) {
    super(reason);
    this.code = code;
  }

  public RejectReason code() {
    return code;
  }
}
