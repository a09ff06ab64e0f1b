package io.regiolink.connectors.chstream;

import java.net.URI;
import java.time.Duration;

/**
 * How the reader talks to the stream.
 *
 * @param heartbeatTimeout silence after which the connection counts as dead (the stream sends
 *     empty lines as heartbeats, so a live connection is never silent this long)
 * @param rateLimitPause how long to stay away after a 429
 * @param restartFromNowWhenTooOld on 416 (timepoint too old): reconnect from "now" and log the gap,
 *     instead of failing the task
 */
public record StreamSettings(URI url, String apiKey, Duration connectTimeout, Duration heartbeatTimeout,
    Duration backoffInitial, Duration backoffMax, Duration rateLimitPause, boolean restartFromNowWhenTooOld,
    int maxLineBytes) {

  /** Never prints the API key. */
  @Override
  public String toString() {
    return "StreamSettings[url=" + url + ", apiKey=[hidden], heartbeatTimeout=" + heartbeatTimeout + "]";
  }
}
