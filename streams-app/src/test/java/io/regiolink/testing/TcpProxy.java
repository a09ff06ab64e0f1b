package io.regiolink.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP forwarder that a test can cut and restore, for outages of a real service without
 * stopping it: cut, it drops every open connection and refuses new ones (its port stops
 * listening); restored, it listens on the same port again.
 */
public final class TcpProxy implements AutoCloseable {
  private final InetSocketAddress upstream;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "tcp-proxy");
    thread.setDaemon(true);
    return thread;
  });
  private ServerSocket server;

  private TcpProxy(InetSocketAddress upstream, int port) {
    this.upstream = upstream;
    this.port = port;
  }

  /** A proxy on a free loopback port to {@code host:port}, forwarding at once. */
  public static TcpProxy to(String host, int port) {
    TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, port), TestConfigs.freePort());
    proxy.restore();
    return proxy;
  }

  public int port() {
    return port;
  }

  /** Drops every connection and stops listening. */
  public synchronized void cut() {
    closeQuietly(server);
    server = null;
    open.forEach(TcpProxy::closeQuietly);
    open.clear();
  }

  /** Listens and forwards again. */
  public synchronized void restore() {
    if (server != null) {
      return;
    }
    try {
      ServerSocket listening = new ServerSocket();
      listening.setReuseAddress(true);
      listening.bind(new InetSocketAddress("127.0.0.1", port));
      server = listening;
      threads.submit(() -> accept(listening));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, e);
    }
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        Socket service = new Socket();
        try {
          service.connect(upstream, 5_000);
        } catch (IOException unreachable) {
          closeQuietly(client);
          continue;
        }
        open.add(client);
        open.add(service);
        threads.submit(() -> pump(client, service));
        threads.submit(() -> pump(service, client));
      } catch (IOException closed) {
        return; // cut
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException ended) {
      // cut, or one side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    cut();
    threads.shutdownNow();
  }
}
