package io.regiolink.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A CSV file with a header row: columns are found by (trimmed, case-insensitive) name. */
public final class CsvTable {
  private final String source;
  private final CsvHeader columns;
  private final List<CsvRow> rows;

  private CsvTable(String source, CsvHeader columns, List<CsvRow> rows) {
    this.source = source;
    this.columns = columns;
    this.rows = rows;
  }

  public static CsvTable read(String source, Reader reader) {
    CsvReader csv = new CsvReader(reader);
    if (!csv.hasNext()) {
      throw new IllegalArgumentException(source + ": empty file, expected a header row");
    }
    CsvHeader columns = CsvHeader.of(csv.next());
    List<CsvRow> rows = new ArrayList<>();
    csv.forEachRemaining(rows::add);
    return new CsvTable(source, columns, rows);
  }

  public static CsvTable resource(Class<?> anchor, String name) {
    InputStream in = anchor.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("Missing resource " + name + " next to " + anchor.getName());
    }
    try (Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return read(name, reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static CsvTable file(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(file.toString(), reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public String source() {
    return source;
  }

  public int column(String name) {
    return columns.column(name).orElseThrow(() -> new IllegalArgumentException(
        source + ": no column '" + name + "' in the header " + columns.names()));
  }

  /** Calls back with a view of each row that reads fields by column name. */
  public void forEach(Consumer<Row> action) {
    for (CsvRow row : rows) {
      action.accept(new Row(row));
    }
  }

  public final class Row {
    private final CsvRow row;

    Row(CsvRow row) {
      this.row = row;
    }

    public String get(String column) {
      return row.field(column(column)).trim();
    }

    public int line() {
      return row.line();
    }
  }
}
