package io.regiolink.connectors.chstream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for stream.companieshouse.gov.uk on a raw socket, so a test decides exactly where
 * chunks end, when a connection goes silent and when it is cut mid-line. Each connection plays
 * the next scripted response; the requests (path and Authorization) are recorded.
 */
public final class FakeCompaniesHouse implements AutoCloseable {
  /** One part of a scripted response. */
  public sealed interface Part {}

  /** A chunk of the chunked body, sent and flushed as one. */
  public record Chunk(String text) implements Part {}

  /** The end of the body (the terminating chunk): a clean end of stream. */
  public record End() implements Part {}

  /** The socket is closed with the body unfinished: a dropped connection. */
  public record Cut() implements Part {}

  /** A pause between parts (so what was sent is read before a cut, which would discard it). */
  public record Pause(long millis) implements Part {}

  /** Silence until the client gives up (heartbeat timeout). */
  public record Silence() implements Part {}

  public record Response(int status, List<Part> parts) {
    public static Response ok(Part... parts) {
      return new Response(200, List.of(parts));
    }

    public static Response status(int status) {
      return new Response(status, List.of(new Chunk("{\"error\":\"status " + status + "\"}"), new End()));
    }
  }

  public record Request(String path, String authorization) {}

  private final ServerSocket server;
  private final BlockingQueue<Response> script = new LinkedBlockingQueue<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  public FakeCompaniesHouse(Response... responses) throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    script.addAll(List.of(responses));
    acceptor = new Thread(this::accept, "fake-companies-house");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Scripts the responses of connections still to come. */
  public void then(Response... more) {
    script.addAll(List.of(more));
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/companies");
  }

  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        Thread t = new Thread(() -> serve(socket), "fake-companies-house-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try {
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      String requestLine = in.readLine();
      String authorization = null;
      String header;
      while ((header = in.readLine()) != null && !header.isEmpty()) {
        if (header.regionMatches(true, 0, "Authorization:", 0, 14)) {
          authorization = header.substring(14).trim();
        }
      }
      requests.add(new Request(requestLine.split(" ")[1], authorization));
      Response response = script.poll(10, TimeUnit.SECONDS);
      if (response == null) {
        response = new Response(200, List.of(new Silence()));
      }
      OutputStream out = socket.getOutputStream();
      out.write(("HTTP/1.1 " + response.status() + " Status\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      for (Part part : response.parts()) {
        if (part instanceof Chunk chunk) {
          byte[] bytes = chunk.text().getBytes(StandardCharsets.UTF_8);
          out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.write(bytes);
          out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        } else if (part instanceof End) {
          out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          break;
        } else if (part instanceof Cut) {
          socket.setSoLinger(true, 0);
          break;
        } else if (part instanceof Pause pause) {
          Thread.sleep(pause.millis());
        } else if (part instanceof Silence) {
          while (!server.isClosed() && !socket.isClosed()) {
            Thread.sleep(50);
          }
        }
      }
      socket.close();
    } catch (IOException e) {
      // the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
    acceptor.interrupt();
  }
}
