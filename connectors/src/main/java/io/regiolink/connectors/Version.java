package io.regiolink.connectors;

/** The connectors' version, as Connect reports it. */
public final class Version {
  private Version() {}

  public static String get() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
