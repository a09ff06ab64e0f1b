package io.regiolink.geo;

import java.util.List;
import java.util.Optional;

/** A way of dividing the UK into regions, and of placing a postcode in one of them. */
public interface RegionScheme {
  /** The scheme's name as used in keys and URLs: lad, itl1 or a custom name. */
  String name();

  /** Every region of the scheme, sorted by code. */
  List<Region> regions();

  Optional<Region> region(String code);

  /** The region of a postcode; empty when it cannot be placed (unresolved). */
  Optional<String> resolve(Postcode postcode);
}
