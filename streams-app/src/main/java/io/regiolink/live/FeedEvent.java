package io.regiolink.live;

/**
 * One record of a live feed as subscribers get it: where it sits in the topic, its decoded value
 * (for filters), and its SSE form, encoded once for every subscriber.
 *
 * @param id the feed position just after this record, sent as the SSE id
 */
public record FeedEvent<T>(int partition, long offset, T value, String id, String event, String data) {

  /** The event in the Server-Sent Events wire format. */
  public String wire() {
    return "id: " + id + "\nevent: " + event + "\ndata: " + data + "\n\n";
  }
}
