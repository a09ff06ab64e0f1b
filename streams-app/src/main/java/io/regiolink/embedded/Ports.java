package io.regiolink.embedded;

import io.regiolink.config.PropertiesFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
    Properties properties = PropertiesFile.read(portFile);
    properties.setProperty(name, Integer.toString(port));
    PropertiesFile.write(portFile, properties, "ports last used by the local services under this state directory");
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
    String value = PropertiesFile.read(portFile).getProperty(name);
    try {
      return value == null ? 0 : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

}
