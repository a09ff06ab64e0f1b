package io.regiolink.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Chooses the ports of a local service. A configured port is used as is; otherwise the port the
 * service had last time under the same state directory is reused while it is free, so restarted
 * demos keep their addresses, and else the OS picks a free one.
 */
final class Ports {
  private Ports() {}

  static int choose(int configured, Path portFile, String name) {
    if (configured > 0) {
      return configured;
    }
    int last = remembered(portFile, name);
    if (last > 0 && isFree(last)) {
      return last;
    }
    return free();
  }

  static void remember(Path portFile, String name, int port) {
    Properties properties = load(portFile);
    properties.setProperty(name, Integer.toString(port));
    try {
      Files.createDirectories(portFile.getParent());
      try (Writer writer = Files.newBufferedWriter(portFile, StandardCharsets.UTF_8)) {
        properties.store(writer, "ports last used by the local services under this state directory");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + portFile, e);
    }
  }

  static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free local port", e);
    }
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int remembered(Path portFile, String name) {
    String value = load(portFile).getProperty(name);
    try {
      return value == null ? 0 : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Properties load(Path portFile) {
    Properties properties = new Properties();
    if (Files.isRegularFile(portFile)) {
      try (Reader reader = Files.newBufferedReader(portFile, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + portFile, e);
      }
    }
    return properties;
  }
}
