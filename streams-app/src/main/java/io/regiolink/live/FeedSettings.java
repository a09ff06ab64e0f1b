package io.regiolink.live;

import java.time.Duration;

/**
 * @param buffer recent events kept for resuming clients (and, for alerts, for GET /alerts)
 * @param clientQueue events a client may fall behind before it is dropped as too slow
 * @param maxClients concurrent subscribers per feed; more get a 503
 * @param heartbeat idle time after which a comment is sent, so proxies and clients see a live stream
 */
public record FeedSettings(int buffer, int clientQueue, int maxClients, Duration heartbeat) {}
