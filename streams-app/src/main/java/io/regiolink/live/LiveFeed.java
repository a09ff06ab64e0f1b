package io.regiolink.live;

import io.regiolink.topics.TopicPartitions;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic, read once per instance and fanned out to every subscriber: a single consumer
 * (read_committed, no consumer group: it reads every partition itself) feeds a bounded buffer of
 * recent events and each subscriber's queue. Subscribers resume from a {@link FeedPosition} out of
 * that buffer; one that asks for more than the buffer still holds is told so with a {@code gap}
 * event instead of silently missing records.
 */
public final class LiveFeed<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

  /** Turns a record into the feed's value; null skips it. */
  public interface Decoder<T> {
    T decode(String key, byte[] value);
  }

  /** Where a new feed starts reading: the topic's end (live only) or its beginning (all it retains). */
  public enum Start { END, BEGINNING }

  private final String name;
  private final String eventName;
  private final Consumer<String, byte[]> consumer;
  private final Decoder<T> decoder;
  private final Function<T, String> json;
  private final FeedSettings settings;
  private final Object lock = new Object();
  private final Deque<FeedEvent<T>> buffer = new ArrayDeque<>();
  private final List<Subscriber<T>> subscribers = new CopyOnWriteArrayList<>();
  private final ExecutorService senders;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong undecodable = new AtomicLong();
  private final Thread thread;
  private final int partitions;
  private final String topic;
  private FeedPosition position;
  private long[] evictedNext;
  private final Map<Integer, Long> catchUpTo;
  private volatile boolean caughtUp;
  private volatile boolean running = true;

  public LiveFeed(String name, String topic, String eventName, Consumer<String, byte[]> consumer, Start start,
      Decoder<T> decoder, Function<T, String> json, FeedSettings settings) {
    this.name = name;
    this.topic = topic;
    this.eventName = eventName;
    this.consumer = consumer;
    this.decoder = decoder;
    this.json = json;
    this.settings = settings;
    List<TopicPartition> assigned = TopicPartitions.of(consumer, topic, Duration.ofSeconds(30));
    this.partitions = assigned.size();
    consumer.assign(assigned);
    if (start == Start.BEGINNING) {
      consumer.seekToBeginning(assigned);
    } else {
      consumer.seekToEnd(assigned);
    }
    long[] next = new long[partitions];
    for (TopicPartition tp : assigned) {
      next[tp.partition()] = consumer.position(tp);
    }
    this.position = FeedPosition.of(next);
    this.evictedNext = next.clone();
    this.catchUpTo = new HashMap<>();
    consumer.endOffsets(assigned).forEach((tp, end) -> catchUpTo.put(tp.partition(), end));
    this.caughtUp = isCaughtUp(next);
    this.senders = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "regiolink-sse-" + name);
      t.setDaemon(true);
      return t;
    });
    this.thread = new Thread(this::poll, "regiolink-feed-" + name);
    this.thread.setDaemon(true);
  }

  public LiveFeed<T> start() {
    thread.start();
    return this;
  }

  public int partitions() {
    return partitions;
  }

  public String topic() {
    return topic;
  }

  /** True once the feed has read up to where the topic ended when it started. */
  public boolean caughtUp() {
    return caughtUp;
  }

  public int subscribers() {
    return subscribers.size();
  }

  public long dropped() {
    return dropped.get();
  }

  public long undecodable() {
    return undecodable.get();
  }

  /** The buffered values, oldest first. */
  public List<T> recent() {
    synchronized (lock) {
      return buffer.stream().map(FeedEvent::value).toList();
    }
  }

  /** The client limit is reached: a new subscriber would be refused. */
  public boolean full() {
    return subscribers.size() >= settings.maxClients();
  }

  /**
   * Subscribes a client: what the buffer holds after {@code seen} (if given) first, then live
   * events, written to {@code out} until the client goes away. The returned future completes then.
   */
  public CompletableFuture<String> subscribe(Predicate<T> filter, Optional<FeedPosition> seen, OutputStream out) {
    Subscriber<T> subscriber;
    synchronized (lock) {
      // Room for the whole replay on top of the usual allowance, so resuming never drops events.
      int replay = seen.isPresent() ? buffer.size() + 1 : 0;
      subscriber = new Subscriber<>(filter, seen, settings.clientQueue() + replay, out, settings.heartbeat());
      seen.ifPresent(from -> gapNotice(from).ifPresent(subscriber::notice));
      if (seen.isPresent()) {
        for (FeedEvent<T> event : buffer) {
          subscriber.offer(event);
        }
      }
      subscribers.add(subscriber);
    }
    LOG.debug("Feed {}: subscriber added ({} now)", name, subscribers.size());
    return CompletableFuture.supplyAsync(() -> {
      subscriber.run();
      subscribers.remove(subscriber);
      LOG.debug("Feed {}: subscriber left ({})", name, subscriber.endReason());
      return subscriber.endReason();
    }, senders);
  }

  /** A gap notice when records between {@code from} and the oldest buffered one are no longer held. */
  private Optional<String> gapNotice(FeedPosition from) {
    List<Integer> missed = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      if (from.next(p) < evictedNext[p]) {
        missed.add(p);
      }
    }
    if (missed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("event: gap\ndata: {\"partitions\":" + missed + ",\"detail\":\"this instance no longer holds"
        + " every " + eventName + " since your Last-Event-ID; re-read the current values with the query API\"}\n\n");
  }

  private void poll() {
    try {
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<String, byte[]> record : records) {
          publish(record);
        }
        if (!caughtUp) {
          // Positions, not record offsets: transaction markers sit after the last record.
          catchUpTo.entrySet().removeIf(e -> consumer.position(new TopicPartition(topic, e.getKey())) >= e.getValue());
          caughtUp = catchUpTo.isEmpty();
        }
      }
    } catch (WakeupException e) {
      // close() was called
    } catch (RuntimeException e) {
      LOG.error("Live feed {} stopped: {}. Subscriptions to it get no more events; restart the instance.", name,
          e.toString(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void publish(ConsumerRecord<String, byte[]> record) {
    T value;
    try {
      value = decoder.decode(record.key(), record.value());
    } catch (RuntimeException e) {
      undecodable.incrementAndGet();
      LOG.warn("Live feed {}: record {}-{}@{} not decodable ({}); skipped", name, record.topic(), record.partition(),
          record.offset(), e.getMessage());
      return;
    }
    if (value == null) {
      return;
    }
    synchronized (lock) {
      position = position.after(record.partition(), record.offset());
      FeedEvent<T> event = new FeedEvent<>(record.partition(), record.offset(), value, position.id(), eventName,
          json.apply(value));
      buffer.addLast(event);
      while (buffer.size() > settings.buffer()) {
        FeedEvent<T> old = buffer.removeFirst();
        evictedNext[old.partition()] = Math.max(evictedNext[old.partition()], old.offset() + 1);
      }
      for (Subscriber<T> subscriber : subscribers) {
        if (!subscriber.isClosed() && !subscriber.offer(event)) {
          subscriber.close("too slow: more than " + settings.clientQueue() + " events waiting");
          dropped.incrementAndGet();
          LOG.info("Feed {}: dropped a subscriber that fell {} events behind", name, settings.clientQueue());
        }
      }
    }
  }

  private boolean isCaughtUp(long[] next) {
    catchUpTo.entrySet().removeIf(e -> next[e.getKey()] >= e.getValue());
    return catchUpTo.isEmpty();
  }

  @Override
  public void close() {
    running = false;
    subscribers.forEach(s -> s.close("shutting down"));
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    senders.shutdownNow();
  }
}
