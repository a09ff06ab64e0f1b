package io.regiolink.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A scheme whose regions are a fixed table and whose resolution is a function of the postcode. */
final class TableScheme implements RegionScheme {
  private final String name;
  private final Map<String, Region> regions;
  private final Function<Postcode, Optional<String>> resolver;

  TableScheme(String name, Map<String, Region> regions, Function<Postcode, Optional<String>> resolver) {
    this.name = name;
    this.regions = regions;
    this.resolver = resolver;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Region> regions() {
    return new ArrayList<>(regions.values());
  }

  @Override
  public Optional<Region> region(String code) {
    return Optional.ofNullable(regions.get(code));
  }

  @Override
  public Optional<String> resolve(Postcode postcode) {
    return resolver.apply(postcode);
  }
}
