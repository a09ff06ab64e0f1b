package io.regiolink.geo;

/** A region of a scheme, with a point to draw it at (a centroid; not an official label anchor). */
public record Region(String code, String name, double lat, double lon) {}
