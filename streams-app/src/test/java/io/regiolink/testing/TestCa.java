package io.regiolink.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority made at test time with the JDK's own {@code keytool}: a CA, a broker key
 * signed by it for 127.0.0.1 and localhost, and a trust store holding only the CA, as PKCS12 files
 * with random passwords. Nothing is checked in, and nothing outlives the test's directory.
 */
public record TestCa(Path brokerKeyStore, String brokerPassword, Path trustStore, String trustStorePassword) {
  private static final String SAN = "SAN=ip:127.0.0.1,dns:localhost";

  public static TestCa create(Path dir) throws IOException, InterruptedException {
    String caPassword = UUID.randomUUID().toString();
    String brokerPassword = UUID.randomUUID().toString();
    String trustPassword = UUID.randomUUID().toString();
    Path ca = dir.resolve("ca.p12");
    Path caCert = dir.resolve("ca.pem");
    Path broker = dir.resolve("broker.p12");
    Path request = dir.resolve("broker.csr");
    Path brokerCert = dir.resolve("broker.pem");
    Path trust = dir.resolve("truststore.p12");
    keytool(dir, "-genkeypair", "-alias", "ca", "-dname", "CN=regiolink test CA", "-ext", "bc:c", "-keyalg", "RSA",
        "-keysize", "2048", "-validity", "2", "-storetype", "PKCS12", "-keystore", ca.toString(), "-storepass", caPassword);
    keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", caPassword,
        "-file", caCert.toString());
    keytool(dir, "-genkeypair", "-alias", "broker", "-dname", "CN=127.0.0.1", "-ext", SAN, "-keyalg", "RSA",
        "-keysize", "2048", "-validity", "2", "-storetype", "PKCS12", "-keystore", broker.toString(),
        "-storepass", brokerPassword);
    keytool(dir, "-certreq", "-alias", "broker", "-keystore", broker.toString(), "-storepass", brokerPassword,
        "-file", request.toString());
    keytool(dir, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", caPassword,
        "-infile", request.toString(), "-outfile", brokerCert.toString(), "-ext", SAN, "-validity", "2");
    // The chain: the CA first, so that the signed certificate can be imported onto the broker's key.
    keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-keystore", broker.toString(),
        "-storepass", brokerPassword);
    keytool(dir, "-importcert", "-noprompt", "-alias", "broker", "-file", brokerCert.toString(),
        "-keystore", broker.toString(), "-storepass", brokerPassword);
    keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-storetype", "PKCS12",
        "-keystore", trust.toString(), "-storepass", trustPassword);
    return new TestCa(broker, brokerPassword, trust, trustPassword);
  }

  private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
    }
  }

  @Override
  public String toString() {
    return "TestCa[" + brokerKeyStore + ", " + trustStore + "]";
  }
}
