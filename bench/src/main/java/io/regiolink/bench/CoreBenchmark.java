package io.regiolink.bench;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.TradingSites;
import io.regiolink.avro.internal.CompanyState;
import io.regiolink.footprint.FootprintRules;
import io.regiolink.geo.Geography;
import io.regiolink.footprint.LinkKey;
import io.regiolink.footprint.LinkTally;
import io.regiolink.links.ReferenceModel;
import io.regiolink.sector.SectorClassifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The {@code core} figure, measured with JMH in a forked JVM on one thread: one operation counts
 * the final state of every company of the workload (the same seed and sizes as the run, capped at
 * {@link #MAX_COMPANIES}). {@code contributions} is regiolink's pure counting code
 * ({@code FootprintRules.contributions}, summed per link into a HashMap); {@code recount} is the
 * reference model's plain HashMap recount of the same state. That both count the same is checked
 * by the bench itself ({@code Core}), outside the timing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CoreBenchmark {
  /** Enough companies for a steady measurement; more only lengthen the fork's setup. */
  static final int MAX_COMPANIES = 200_000;

  @Param("20261201")
  public long seed;

  @Param("2000")
  public int companies;

  @Param("3000")
  public long changes;

  private FootprintRules rules;
  private ReferenceModel model;
  private List<CompanyState> states;

  @Setup
  public void setUp() {
    // This runs in JMH's forked JVM: building a CompanyState deep-copies its record-array defaults,
    // which Avro allows only for trusted packages.
    System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.regiolink.avro");
    Geography geography = Geography.load(List.of());
    rules = new FootprintRules(geography, SectorClassifier.load(), Bench.COUNTED);
    model = new ReferenceModel(geography, Bench.COUNTED, Instant.now());
    new Workload(seed, companies, changes).forEach(event -> {
      if (event instanceof Workload.ProfileEvent p) {
        model.profile(p.profile());
      } else if (event instanceof Workload.SitesEvent s) {
        model.sites(s.sites());
      }
    });
    states = finalStates(model);
  }

  static List<CompanyState> finalStates(ReferenceModel model) {
    List<CompanyState> states = new ArrayList<>();
    Map<String, TradingSites> sites = model.latestSites();
    for (Map.Entry<String, CompanyProfileEvent> e : model.latestProfiles().entrySet()) {
      states.add(CompanyState.newBuilder().setCompanyNumber(e.getKey()).setProfile(e.getValue())
          .setSites(sites.get(e.getKey())).build());
    }
    return states;
  }

  static Map<LinkKey, LinkTally> count(FootprintRules rules, Collection<CompanyState> states) {
    Map<LinkKey, LinkTally> links = new HashMap<>();
    for (CompanyState state : states) {
      rules.contributions(state).links().forEach((k, v) -> links.merge(k, v, LinkTally::plus));
    }
    return links;
  }

  @Benchmark
  public Map<LinkKey, LinkTally> contributions() {
    return count(rules, states);
  }

  @Benchmark
  public ReferenceModel.Counts recount() {
    return model.recount();
  }

  /** Companies per second of each benchmark, by name, from one forked JMH run. */
  static Map<String, Double> run(long seed, int companies, long changes, boolean quick) throws RunnerException {
    int n = Math.min(companies, MAX_COMPANIES);
    // The changes scale with the companies kept, so the state has the run's mix of histories.
    long c = changes * n / Math.max(1, companies);
    Options options = new OptionsBuilder().include(CoreBenchmark.class.getName() + "\\.")
        .param("seed", Long.toString(seed)).param("companies", Integer.toString(n)).param("changes", Long.toString(c))
        .forks(1).threads(1).jvmArgs("-Xmx4g")
        .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(quick ? 1 : 3))
        .measurementIterations(quick ? 2 : 5).measurementTime(TimeValue.seconds(quick ? 1 : 3))
        .build();
    Map<String, Double> companiesPerSecond = new HashMap<>();
    for (RunResult r : new Runner(options).run()) {
      String name = r.getParams().getBenchmark();
      companiesPerSecond.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getScore() * n);
    }
    return companiesPerSecond;
  }
}
