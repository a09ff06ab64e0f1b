package io.regiolink.connectors.chstream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the chunks of a long-lived NDJSON response into whole lines.
 *
 * <p>The Companies House stream splits one event across network chunks and sends empty lines as
 * heartbeats, so lines are cut on {@code \n} only, never on chunk boundaries. Bytes are kept
 * undecoded until a line is complete, because a chunk may also end inside a multi-byte UTF-8
 * character.
 */
public final class NdjsonLineSplitter {

  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private final int maxLineBytes;
  private long heartbeats;

  /**
   * @param maxLineBytes a line longer than this is a broken stream, not an event: {@link #accept}
   *     fails rather than buffer without bound
   */
  public NdjsonLineSplitter(int maxLineBytes) {
    if (maxLineBytes <= 0) {
      throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
  }

  /** Feeds one chunk and returns the non-empty lines it completed, in order, without line ends. */
  public List<String> accept(byte[] chunk, int offset, int length) {
    List<String> lines = new ArrayList<>();
    int start = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (chunk[i] == '\n') {
        pending.write(chunk, start, i - start);
        emit(lines);
        start = i + 1;
      }
    }
    pending.write(chunk, start, end - start);
    if (pending.size() > maxLineBytes) {
      int size = pending.size();
      pending.reset();
      throw new IllegalStateException(
          "a stream line grew past " + maxLineBytes + " bytes (" + size
              + ") without a newline; the connection is likely corrupt, reconnect");
    }
    return lines;
  }

  /** Bytes of an unfinished line: what a dropped connection loses, and why it resumes by timepoint. */
  public int pendingBytes() {
    return pending.size();
  }

  /** Drops an unfinished line, as after a dropped connection. */
  public void reset() {
    pending.reset();
  }

  /** Empty lines seen so far: the stream's heartbeats. */
  public long heartbeats() {
    return heartbeats;
  }

  private void emit(List<String> lines) {
    String line = pending.toString(StandardCharsets.UTF_8);
    pending.reset();
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isBlank()) {
      heartbeats++;
    } else {
      lines.add(line);
    }
  }
}
