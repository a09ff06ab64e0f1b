package io.regiolink.geo;

import java.nio.file.Path;

/** A region scheme of the user's own, loaded from a CSV of lad_code,region_code,region_name. */
public record CustomScheme(String name, Path file) {}
