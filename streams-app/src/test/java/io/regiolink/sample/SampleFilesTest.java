package io.regiolink.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.formats.CompaniesHouseEvents;
import io.regiolink.formats.FormatException;
import io.regiolink.formats.LineProblem;
import io.regiolink.formats.SitesFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleFilesTest {
  @Test
  void generatedFilesReadBackThroughTheReplayParsersWithoutAProblem(@TempDir Path dir) throws IOException, FormatException {
    Instant start = Instant.parse("2025-01-06T00:00:00Z");
    SampleFiles.Written written = SampleFiles.write(5, 200, 1000, start, dir);
    assertThat(written.profileEvents() + written.siteLists()).isEqualTo(1000);

    List<String> profileLines = Files.readAllLines(written.profiles());
    assertThat(profileLines).hasSize((int) written.profileEvents());
    var first = CompaniesHouseEvents.parse(profileLines.get(0), "t");
    assertThat(first.getCompanyNumber()).isEqualTo("ZZ000001");
    assertThat(first.getEvent().getPublishedAt()).isEqualTo(start);
    for (String line : profileLines) {
      CompaniesHouseEvents.parse(line, "t");
    }
    List<LineProblem> problems = new ArrayList<>();
    List<Object> lists = new ArrayList<>();
    SitesFiles.read(written.sites(), Instant.now(), "t", lists::add, problems::add);
    assertThat(problems).isEmpty();
    assertThat(lists).hasSize((int) written.siteLists());
  }
}
