package io.regiolink.links;

/**
 * A count changed since its task's last commit and not yet written to its store, as a key query
 * on the count's hook store ({@link LinksTopology#heldCountsOf}) answers it.
 *
 * @param value the count; null when it is back to zero (deleted at the commit)
 */
public record HeldCount<V>(V value) {}
