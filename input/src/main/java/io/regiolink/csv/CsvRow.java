package io.regiolink.csv;

import java.util.List;
import java.util.Optional;

/**
 * One CSV row: the line it starts on, its fields, and what was wrong with its syntax, if
 * anything (a row is still returned so the reader can go on).
 */
public record CsvRow(int line, List<String> fields, String problem) {
  public Optional<String> syntaxProblem() {
    return Optional.ofNullable(problem);
  }

  public String field(int index) {
    return index < fields.size() ? fields.get(index) : "";
  }
}
