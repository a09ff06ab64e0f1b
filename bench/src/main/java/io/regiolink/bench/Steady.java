package io.regiolink.bench;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.LinkCount;
import io.regiolink.avro.Site;
import io.regiolink.avro.TradingSites;
import io.regiolink.geo.Geography;
import io.regiolink.geo.Postcode;
import io.regiolink.links.ReferenceModel;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The steady phase: after the load, site-list changes at a fixed rate, each adding one site in
 * the City of London with a unique event time. In its first half, after a {@link #WARMUP}, how
 * long each change takes to appear on the links topic (read_committed) and in a point query; in
 * its second half, at the same rate, the latency of every kind of query on the largest state of
 * the run. Apart, because a client looping over LAD matrices takes most of a core from the two
 * the app shares, and freshness then measured that contention rather than the pipeline.
 */
final class Steady {
  /** A City of London postcode: every change adds a site here, so it always moves a link into E09000001. */
  private static final String PROBE_POSTCODE = "EC1A 1BB";
  private static final String PROBE_LAD = "E09000001";
  private static final Instant PROBE_TIME = Workload.START.plus(Duration.ofDays(30));
  /** Changes a second followed through point queries, each by one of {@link #PROBERS} threads. */
  private static final int PROBES_PER_SECOND = 10;
  /**
   * Changes followed at once. A change offered while every prober is busy is skipped, never kept
   * for later: its wait for a prober would count as its latency, and a slow change would then
   * slow the figures of the ones after it.
   */
  private static final int PROBERS = 4;
  /** How often a prober asks; the resolution of the query freshness figures. */
  private static final long PROBE_POLL_NANOS = 5_000_000;
  /**
   * Changes sent and followed before the measured ones, left out of the percentiles (not of
   * {@code freshness.csv}): the probers', the links consumer's and the app's query paths run for
   * the first time then, and in every 1m run the first 0.75 s were slower than the rest (mean
   * 0.3-0.39 s against 0.22 s to the topic), whatever came after.
   */
  static final Duration WARMUP = Duration.ofSeconds(1);

  /** A change to follow through queries: the point query that shows it, its event time, when it was sent. */
  private record Probe(String path, Instant asOf, long sentNanos) {}

  private Steady() {}

  /** Where a change was followed to: a record on the links topic, or a point query's answer. */
  enum Target {
    TOPIC, QUERY;

    /** As {@code freshness.csv} names it. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One change's way to the topic or to a query: when it was sent (from the first change) and how long it took. */
  record Sample(Target to, long sentNanos, long latencyNanos) {}

  record Result(Percentiles toTopic, Percentiles toQuery, Map<String, Percentiles> queries, List<Sample> samples) {}

  static Result run(KafkaIo kafka, AvroSerdes serdes, Http http, ReferenceModel model, Geography geography,
      Workload workload, int rate, int seconds) throws InterruptedException {
    Serializer<TradingSites> sitesSerializer = serdes.valueSerde(TradingSites.class).serializer();
    var linkReader = serdes.valueSerde(LinkCount.class).deserializer();
    List<String> candidates = countedAndPlaced(model, geography);
    int warm = (int) (rate * WARMUP.toSeconds());
    int total = warm + rate * seconds;
    // Per link key (the company's office district to the City, sector ALL): the changes not yet
    // seen on the topic, by event time, with when each was sent.
    Map<String, ConcurrentSkipListMap<Long, Long>> sentAt = new ConcurrentHashMap<>();
    Map<Long, Sample> topicLatency = new ConcurrentHashMap<>();
    List<Sample> queryLatency = Collections.synchronizedList(new ArrayList<>());
    long start;
    Map<String, List<Long>> queryTimes = new LinkedHashMap<>();
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put("point", "/api/v1/links/lad/E09000033/" + PROBE_LAD + "?sector=ALL");
    queries.put("region", "/api/v1/links/lad/" + PROBE_LAD + "?direction=in");
    queries.put("matrix itl1", "/api/v1/matrix/itl1");
    queries.put("matrix lad", "/api/v1/matrix/lad");
    queries.put("hubs lad", "/api/v1/hubs/lad");
    queries.keySet().forEach(k -> queryTimes.put(k, Collections.synchronizedList(new ArrayList<>())));
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicBoolean secondHalf = new AtomicBoolean(false);
    int half = warm + rate * seconds / 2;
    SynchronousQueue<Probe> probes = new SynchronousQueue<>();
    ExecutorService workers = Executors.newFixedThreadPool(2 + PROBERS);

    try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumer()) {
      List<TopicPartition> partitions = KafkaIo.partitions(consumer, Topics.LINKS.name());
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      workers.submit(() -> {
        while (running.get()) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
            long now = System.nanoTime();
            if (r.value() != null) {
              // Every change this link's record includes is visible now: the ones up to its as_of.
              // Changes summed into one record leave only the latest's as_of, so waiting for each
              // change's own as_of would miss most of them and keep only the last of each sum.
              var waiting = sentAt.get(new String(r.key(), StandardCharsets.UTF_8));
              if (waiting != null) {
                var visible = waiting.headMap(linkReader.deserialize(r.topic(), r.value()).getAsOf().toEpochMilli(), true);
                visible.forEach((asOf, sent) -> topicLatency.putIfAbsent(asOf, new Sample(Target.TOPIC, sent, now - sent)));
                visible.clear();
              }
            }
          }
        }
        return null;
      });
      workers.submit(() -> {
        // Queries while the pipeline is busy (second half), round robin over the kinds.
        while (running.get() && !secondHalf.get()) {
          LockSupport.parkNanos(10_000_000);
        }
        while (running.get()) {
          for (var q : queries.entrySet()) {
            long started = System.nanoTime();
            Http.Answer answer = http.get(q.getValue());
            if (answer.status() == 200) {
              queryTimes.get(q.getKey()).add(System.nanoTime() - started);
            }
          }
        }
        return null;
      });

      for (int p = 0; p < PROBERS; p++) {
        workers.submit(() -> {
          // One change followed through point queries, every 5 ms, until its event time shows.
          while (running.get()) {
            Probe next = probes.poll(10, TimeUnit.MILLISECONDS);
            if (next == null) {
              continue;
            }
            // Followed until it shows or the measurement ends: giving up early would drop the slowest.
            long deadline = next.sentNanos() + Duration.ofSeconds(seconds + 10L).toNanos();
            while (System.nanoTime() < deadline) {
              String seen = http.getJson(next.path()).path("asOf").asText("");
              if (!seen.isEmpty() && !Instant.parse(seen).isBefore(next.asOf())) {
                queryLatency.add(new Sample(Target.QUERY, next.sentNanos(), System.nanoTime() - next.sentNanos()));
                break;
              }
              LockSupport.parkNanos(PROBE_POLL_NANOS);
            }
          }
          return null;
        });
      }

      SplittableRandom random = new SplittableRandom(workload.companies());
      int probeEvery = Math.max(1, rate / PROBES_PER_SECOND);
      try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
        start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
          LockSupport.parkNanos(start + i * interval - System.nanoTime());
          String number = candidates.get(random.nextInt(candidates.size()));
          TradingSites held = model.latestSites().get(number);
          List<Site> sites = new ArrayList<>(held == null ? List.of() : held.getSites());
          sites.add(Site.newBuilder().setSiteId("steady-" + i).setPostalCode(PROBE_POSTCODE).build());
          Instant asOf = PROBE_TIME.plusMillis(i);
          TradingSites list = TradingSites.newBuilder().setCompanyNumber(number).setSites(sites).setAsOf(asOf)
              .setSource("bench").build();
          model.sites(list);
          byte[] value = sitesSerializer.serialize(Topics.TRADING_SITES.name(), list);
          long sent = System.nanoTime();
          if (i == half) {
            secondHalf.set(true);
          }
          if (i < half) {
            sentAt.computeIfAbsent(Geography.LAD + ":" + officeLad(model, geography, number) + ":" + PROBE_LAD + ":ALL",
                k -> new ConcurrentSkipListMap<>()).put(asOf.toEpochMilli(), sent);
          }
          producer.send(new ProducerRecord<>(Topics.TRADING_SITES.name(), number.getBytes(StandardCharsets.UTF_8), value));
          if (i < half && i % probeEvery == 0) {
            // Handed to an idle prober; skipped when all are following earlier changes.
            probes.offer(new Probe("/api/v1/links/lad/" + officeLad(model, geography, number) + "/" + PROBE_LAD
                + "?sector=ALL", asOf, sent));
          }
        }
        producer.flush();
      }
      // Let the last changes arrive before the measurement stops.
      long settle = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (topicLatency.size() < half && System.nanoTime() < settle) {
        Thread.sleep(100);
      }
      running.set(false);
      workers.shutdown();
      workers.awaitTermination(60, TimeUnit.SECONDS);
    }
    Map<String, Percentiles> latencies = new LinkedHashMap<>();
    queryTimes.forEach((k, v) -> latencies.put(k, Percentiles.ofNanos(v)));
    // Sent times from the first change on, so that a slow stretch can be placed in the phase.
    List<Sample> samples = Stream.concat(topicLatency.values().stream(), queryLatency.stream())
        .map(sample -> new Sample(sample.to(), sample.sentNanos() - start, sample.latencyNanos()))
        .sorted(Comparator.comparing(Sample::to).thenComparingLong(Sample::sentNanos)).toList();
    return new Result(measured(samples, Target.TOPIC), measured(samples, Target.QUERY), latencies, samples);
  }

  /** How the freshness to the topic in {@code result} was measured, for the bench's table. */
  static String topicMethod(Result result, int rate) {
    return String.format("p50 / p99 of %,d changes at %,d/s: from the send until a read_committed consumer of %s sees it",
        result.toTopic().count(), rate, Topics.LINKS.name());
  }

  /** How the freshness to a point query in {@code result} was measured, for the bench's table. */
  static String queryMethod(Result result, int rate) {
    return String.format("p50 / p99 of %,d changes (up to %d a second) followed by point queries every %d ms until they show",
        result.toQuery().count(), Math.min(rate, PROBES_PER_SECOND), PROBE_POLL_NANOS / 1_000_000);
  }

  private static Percentiles measured(List<Sample> samples, Target to) {
    return Percentiles.ofNanos(samples.stream().filter(s -> s.to() == to && s.sentNanos() >= WARMUP.toNanos())
        .map(Sample::latencyNanos).toList());
  }

  /** Companies that are counted and whose office is placed, so a new site always changes a link. */
  private static List<String> countedAndPlaced(ReferenceModel model, Geography geography) {
    List<String> numbers = new ArrayList<>();
    model.latestProfiles().forEach((number, p) -> {
      if ("active".equals(p.getCompanyStatus()) && !officeLad(model, geography, number).isEmpty()) {
        numbers.add(number);
      }
    });
    Collections.sort(numbers);
    return numbers;
  }

  private static String officeLad(ReferenceModel model, Geography geography, String number) {
    CompanyProfileEvent p = model.latestProfiles().get(number);
    String postcode = p.getRegisteredOfficeAddress() == null ? null : p.getRegisteredOfficeAddress().getPostalCode();
    return Postcode.parse(postcode).flatMap(pc -> geography.scheme(Geography.LAD).orElseThrow().resolve(pc)).orElse("");
  }
}
