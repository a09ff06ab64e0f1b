package io.regiolink.formats;

import io.regiolink.company.RejectReason;

/** A bad line of an input file, reported as {@code file:line: reason} and skipped. */
public record LineProblem(String file, int line, RejectReason code, String reason, String text) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + reason;
  }
}
