package io.regiolink.csv;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The header row of a CSV file: where each column is, by name. Names are trimmed (some bulk files
 * carry a stray leading space), a leading byte-order mark is dropped (spreadsheet exports add one),
 * and names compare case-insensitively. Every CSV regiolink reads finds its columns through this.
 */
public final class CsvHeader {
  private final List<String> names;
  private final Map<String, Integer> index = new HashMap<>();

  private CsvHeader(List<String> names) {
    this.names = names;
    for (int i = 0; i < names.size(); i++) {
      index.putIfAbsent(normalise(names.get(i)), i);
    }
  }

  public static CsvHeader of(CsvRow row) {
    return new CsvHeader(row.fields());
  }

  /** The column's position, if the header has it. */
  public Optional<Integer> column(String name) {
    return Optional.ofNullable(index.get(normalise(name)));
  }

  /** The first of {@code required} the header lacks, if any. */
  public Optional<String> firstMissing(Collection<String> required) {
    return required.stream().filter(name -> column(name).isEmpty()).findFirst();
  }

  /** The row's field in that column, trimmed; empty when the header or the row lacks it. */
  public String field(CsvRow row, String name) {
    return column(name).filter(i -> i < row.fields().size()).map(i -> row.field(i).trim()).orElse("");
  }

  public int size() {
    return names.size();
  }

  /** The header as it was written, for messages. */
  public List<String> names() {
    return names;
  }

  private static String normalise(String name) {
    return name.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
  }
}
