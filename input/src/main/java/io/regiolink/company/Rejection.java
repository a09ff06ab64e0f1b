package io.regiolink.company;

/** An unusable input record: the reason code and what went wrong, for a person. */
public record Rejection(RejectReason code, String reason) {}
