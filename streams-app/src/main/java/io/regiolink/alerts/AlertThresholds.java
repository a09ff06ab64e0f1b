package io.regiolink.alerts;

/**
 * The thresholds of the alert rules; their keys and defaults are declared in {@link AlertSettings}.
 *
 * @param emergedMinCompanies EMERGED: a link from 0 to at least this many companies
 * @param lostMinCompanies LOST: a link from at least this many companies to 0
 * @param shiftMinPercent SURGE/DROP: a change of at least this percentage of the previous value...
 * @param shiftMinCompanies ...and of at least this many companies
 * @param hubTop HUB_RANK: the size of the top list by inbound companies
 */
public record AlertThresholds(long emergedMinCompanies, long lostMinCompanies, double shiftMinPercent,
    long shiftMinCompanies, int hubTop) {}
