package io.regiolink.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An RFC 4180 reader that keeps the line each row starts on, so a bad row can be reported as
 * {@code file:line: reason}. Quoted fields may hold commas, doubled quotes and line breaks; CRLF
 * and LF both end a row; blank lines are skipped.
 */
public final class CsvReader implements Iterator<CsvRow> {
  private final Reader in;
  private int line = 1;
  private int peeked = -2;
  private CsvRow next;

  public CsvReader(Reader in) {
    this.in = in;
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = readRow();
    }
    return next != null;
  }

  @Override
  public CsvRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    CsvRow row = next;
    next = null;
    return row;
  }

  private CsvRow readRow() {
    while (true) {
      int c = peek();
      if (c == -1) {
        return null;
      }
      if (c == '\n' || c == '\r') {
        consumeLineEnd();
        continue;
      }
      int startLine = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean wasQuoted = false;
      String problem = null;
      while (true) {
        c = read();
        if (quoted) {
          if (c == -1) {
            problem = "a quoted field is not closed before the end of the file";
            break;
          } else if (c == '"') {
            if (peek() == '"') {
              read();
              field.append('"');
            } else {
              quoted = false;
            }
          } else {
            if (c == '\n') {
              line++;
            }
            field.append((char) c);
          }
        } else if (c == '"' && field.length() == 0 && !wasQuoted) {
          quoted = true;
          wasQuoted = true;
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
          wasQuoted = false;
        } else if (c == '\n' || c == '\r' || c == -1) {
          if (c == '\r' && peek() == '\n') {
            read();
          }
          if (c != -1) {
            line++;
          }
          break;
        } else {
          if (wasQuoted && problem == null) {
            problem = "text after a closing quote";
          }
          field.append((char) c);
        }
      }
      fields.add(field.toString());
      return new CsvRow(startLine, List.copyOf(fields), problem);
    }
  }

  private void consumeLineEnd() {
    int c = read();
    if (c == '\r' && peek() == '\n') {
      read();
    }
    line++;
  }

  private int peek() {
    if (peeked == -2) {
      peeked = readRaw();
    }
    return peeked;
  }

  private int read() {
    int c = peek();
    peeked = -2;
    return c;
  }

  private int readRaw() {
    try {
      return in.read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
