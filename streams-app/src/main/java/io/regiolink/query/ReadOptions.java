package io.regiolink.query;

/**
 * What the caller accepts in exchange for an answer while partitions are moving:
 * {@code allowPartial} an answer without the partitions no instance can serve (marked partial),
 * {@code allowStale} values from a standby replica at most query.standby.max.lag records behind.
 */
public record ReadOptions(boolean allowPartial, boolean allowStale) {}
